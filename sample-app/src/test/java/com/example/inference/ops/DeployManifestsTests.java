package com.example.inference.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.healthstarter.HealthCheck;
import dev.healthstarter.autoconfigure.HealthAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthFleetProperties;
import dev.healthstarter.autoconfigure.HealthHttpProperties;
import dev.healthstarter.core.HealthEngine;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads deploy/kubernetes with Kubernetes' object model and checks it against the running application: each
 * probe path is a real endpoint, ports match {@code server.port}, the gRPC variant's probes ask the running sample's
 * gRPC health service on {@code spring.grpc.server.port} and differ from the HTTP variant in nothing else, the
 * scrape annotations point at /metrics, the
 * grace period covers the drain delay plus graceful shutdown, its one HTTP target is served by the sample itself,
 * the fleet resolves the headless Service of the same pods, and the image it runs is the one the Dockerfile and
 * {@code spring-boot:build-image} build (the Dockerfile as the image needs it: Temurin 17's JRE, layers extracted
 * with the jarmode tools, a numeric non-root user, no HEALTHCHECK).
 */
@RunningSample
class DeployManifestsTests {

	private static final Path KUBERNETES = Path.of("deploy", "kubernetes");

	private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private GrpcServerLifecycle grpcServer;

	@Test
	void probesAndScrapeAnnotationsPointAtTheApplicationsRealEndpointsAndPort() throws Exception {
		Deployment deployment = this.yaml.readValue(KUBERNETES.resolve("deployment.yaml").toFile(), Deployment.class);
		assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		ContainerPort httpPort = container.getPorts().stream().filter((p) -> "http".equals(p.getName())).findFirst().orElseThrow();
		assertThat(httpPort.getContainerPort()).isEqualTo(configuredPort("server.port"));

		Map<String, Probe> probes = Map.of("/health/startup", container.getStartupProbe(), "/health/liveness",
				container.getLivenessProbe(), "/health/readiness", container.getReadinessProbe());
		probes.forEach((path, probe) -> {
			assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
			assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
		});
		for (String path : probes.keySet()) {
			assertThat(get(path).statusCode()).as(path).isIn(200, 503);
		}
		assertThat(container.getStartupProbe().getPeriodSeconds() * container.getStartupProbe().getFailureThreshold())
			.as("start-up budget in seconds").isGreaterThanOrEqualTo(60);

		Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
		assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
			.containsEntry("prometheus.io/port", String.valueOf(httpPort.getContainerPort()));
		HttpResponse<String> metrics = get(annotations.get("prometheus.io/path"));
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("health_status");

		String drain = container.getEnv().stream().filter((env) -> env.getName().equals("HEALTH_SHUTDOWN_DRAIN_DELAY"))
			.map(EnvVar::getValue).findFirst().orElseThrow();
		long drainSeconds = DurationStyle.detectAndParse(drain).toSeconds();
		assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.isGreaterThan(drainSeconds + 30);
	}

	@Test
	void theGrpcVariantsProbesAskTheRunningSamplesGrpcHealthServiceAndAllElseIsTheHttpVariants() throws Exception {
		Deployment deployment = this.yaml.readValue(KUBERNETES.resolve("deployment-grpc.yaml").toFile(),
				Deployment.class);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		int grpcPort = configuredPort("spring.grpc.server.port");
		assertThat(container.getPorts()).anySatisfy((port) -> {
			assertThat(port.getName()).isEqualTo("grpc");
			assertThat(port.getContainerPort()).isEqualTo(grpcPort);
		});
		Map<String, Probe> probes = Map.of("startup", container.getStartupProbe(), "liveness",
				container.getLivenessProbe(), "readiness", container.getReadinessProbe());
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcServer.getPort())
			.usePlaintext()
			.build();
		try {
			probes.forEach((service, probe) -> {
				assertThat(probe.getHttpGet()).isNull();
				assertThat(probe.getGrpc().getPort()).isEqualTo(grpcPort);
				assertThat(probe.getGrpc().getService()).isEqualTo(service);
				// a known service: NOT_FOUND would fail the call
				assertThat(HealthGrpc.newBlockingStub(channel)
					.withDeadlineAfter(5, TimeUnit.SECONDS)
					.check(HealthCheckRequest.newBuilder().setService(service).build())
					.getStatus()).as(service).isIn(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
			});
		}
		finally {
			channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
		}

		Deployment http = this.yaml.readValue(KUBERNETES.resolve("deployment.yaml").toFile(), Deployment.class);
		Container httpContainer = http.getSpec().getTemplate().getSpec().getContainers().get(0);
		container.setStartupProbe(httpContainer.getStartupProbe());
		container.setLivenessProbe(httpContainer.getLivenessProbe());
		container.setReadinessProbe(httpContainer.getReadinessProbe());
		container.getPorts().removeIf((port) -> "grpc".equals(port.getName()));
		assertThat(deployment).as("deployment-grpc.yaml but for its probes and gRPC port").isEqualTo(http);
	}

	@Test
	void theDeploymentsHttpTargetIsServedByTheSampleItselfOutsideReadiness() throws Exception {
		Deployment deployment = this.yaml.readValue(KUBERNETES.resolve("deployment.yaml").toFile(), Deployment.class);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		HealthHttpProperties http = environment(container).bindOrCreate("health.http", HealthHttpProperties.class);
		assertThat(http.getTargets()).singleElement().satisfies((target) -> {
			URI url = URI.create(target.getUrl());
			assertThat(url.getHost()).isEqualTo("127.0.0.1");
			assertThat(url.getPort()).isEqualTo(container.getPorts().get(0).getContainerPort());
			assertThat(get(url.getPath()).statusCode()).as("the sample serves " + url.getPath()).isEqualTo(200);
			assertThat(groupsOf(target.getName(), container)).containsExactly("targets");
		});
	}

	@Test
	void theDeploymentRunsTheImageThatTheDockerfileAndBuildImageBuild() throws IOException {
		Deployment deployment = this.yaml.readValue(KUBERNETES.resolve("deployment.yaml").toFile(), Deployment.class);
		String image = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
		Matcher buildImage = Pattern.compile("<image>\\s*(?:<!--.*?-->\\s*)?<name>([^<]+)</name>", Pattern.DOTALL)
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(buildImage.find()).as("spring-boot-maven-plugin's image name").isTrue();
		assertThat(buildImage.group(1)).isEqualTo(image);

		String dockerfile = Files.readString(Path.of("Dockerfile"));
		assertThat(dockerfile).contains("docker build -t " + image + " sample-app");
		List<String> instructions = dockerfile.lines().filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.filter((line) -> !Character.isWhitespace(line.charAt(0))).toList();
		assertThat(instructions).filteredOn((line) -> line.startsWith("FROM ")).isNotEmpty()
			.allSatisfy((from) -> assertThat(from).startsWith("FROM eclipse-temurin:17-jre"));
		assertThat(instructions).anySatisfy((line) -> assertThat(line).contains("-Djarmode=tools")
			.contains("extract --layers"));
		assertThat(instructions).filteredOn((line) -> line.startsWith("USER ")).singleElement()
			.satisfies((user) -> assertThat(user).matches("USER [1-9][0-9]*:[1-9][0-9]*"));
		assertThat(instructions).noneMatch((line) -> line.startsWith("HEALTHCHECK"));
		assertThat(instructions.get(instructions.size() - 1)).isEqualTo("ENTRYPOINT [\"java\", \"-jar\", \"application.jar\"]");
	}

	@Test
	void serviceTargetsTheContainersHttpPort() throws IOException {
		Service service = this.yaml.readValue(KUBERNETES.resolve("service.yaml").toFile(), Service.class);
		assertThat(service.getSpec().getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
		assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/name", "inference-service");
	}

	/**
	 * The fleet finds its replicas through the headless Service: the Deployment names it in
	 * {@code health.fleet.dns-name}, it selects the same pods, and its port is the container's (the port the fleet's
	 * links use, as no {@code health.fleet.port} is set); readiness fails open, and not-ready pods stay in its records.
	 */
	@Test
	void theFleetResolvesTheHeadlessServiceOfTheSamePods() throws IOException {
		Deployment deployment = this.yaml.readValue(KUBERNETES.resolve("deployment.yaml").toFile(), Deployment.class);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		HealthFleetProperties fleet = environment(container).bindOrCreate("health.fleet", HealthFleetProperties.class);
		Service headless = this.yaml.readValue(KUBERNETES.resolve("service-headless.yaml").toFile(), Service.class);
		assertThat(fleet.getDnsName()).isEqualTo(headless.getMetadata().getName());
		assertThat(fleet.getPort()).isNull();
		assertThat(fleet.getFailOpen().isEnabled()).isTrue();
		assertThat(container.getEnv()).anySatisfy((env) -> {
			assertThat(env.getName()).isEqualTo("HEALTH_FLEET_TOKEN");
			assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
		});
		assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
		assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
		assertThat(headless.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
		assertThat(headless.getSpec().getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getPort()).isEqualTo(container.getPorts().get(0).getContainerPort()));
		assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(fleet.getFailOpen().getMinInstances());
	}

	/** The container's literal environment variables, bound as the application binds its environment. */
	private static Binder environment(Container container) {
		return new Binder(ConfigurationPropertySources.from(variables(container)));
	}

	/**
	 * The groups the starter gives a plain check of that name under the container's environment: readiness unless
	 * a {@code health.checks} entry of the environment names the check, in any relaxed form.
	 */
	private static Set<String> groupsOf(String check, Container container) {
		Set<String> groups = new LinkedHashSet<>();
		new ApplicationContextRunner()
			.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(variables(container)))
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class))
			.withBean(check + "HealthCheck", HealthCheck.class, () -> HealthCheck.of(() -> true))
			.run((context) -> groups.addAll(context.getBean(HealthEngine.class).groupsOf(check)));
		return groups;
	}

	private static SystemEnvironmentPropertySource variables(Container container) {
		Map<String, Object> environment = new LinkedHashMap<>();
		container.getEnv()
			.stream()
			.filter((env) -> env.getValue() != null)
			.forEach((env) -> environment.put(env.getName(), env.getValue()));
		return new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				environment);
	}

	/** @return a port that application.yml sets */
	private int configuredPort(String property) throws IOException {
		List<org.springframework.core.env.PropertySource<?>> sources = new YamlPropertySourceLoader().load("application",
				new ClassPathResource("application.yml"));
		return Integer.parseInt(String.valueOf(sources.get(0).getProperty(property)));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
