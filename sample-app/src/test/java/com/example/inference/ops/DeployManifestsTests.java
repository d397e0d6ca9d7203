package com.example.inference.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.advisor.ApplicationFacts;
import dev.healthstarter.advisor.CheckFacts;
import dev.healthstarter.advisor.EngineFacts;
import dev.healthstarter.advisor.Finding;
import dev.healthstarter.advisor.PodProbes;
import dev.healthstarter.advisor.ProbeAdvisor;
import dev.healthstarter.advisor.ProbeSettings;
import dev.healthstarter.advisor.Severity;
import dev.healthstarter.autoconfigure.HealthAdvisorAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthFleetProperties;
import dev.healthstarter.autoconfigure.HealthHttpProperties;
import dev.healthstarter.core.HealthEngine;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.jspecify.annotations.Nullable;
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
 * with the jarmode tools, a numeric non-root user, no HEALTHCHECK). The probe advisor finds nothing above
 * {@code info} in the probes against the running sample, and each rule's finding in a deliberately bad Deployment;
 * the service account may read its own pod for the advisor.
 */
@RunningSample
class DeployManifestsTests {

	private static final Path KUBERNETES = Path.of("deploy", "kubernetes");

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private EngineFacts runningFacts;

	@Autowired
	private Map<String, HealthCheck> checks;

	@Autowired
	private GrpcServerLifecycle grpcServer;

	@Test
	void probesAndScrapeAnnotationsPointAtTheApplicationsRealEndpointsAndPort() throws Exception {
		Deployment deployment = read(KUBERNETES.resolve("deployment.yaml"), Deployment.class);
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

		long drainSeconds = drainDelay(container).toSeconds();
		assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
			.isGreaterThan(drainSeconds + 30);
	}

	@Test
	void theGrpcVariantsProbesAskTheRunningSamplesGrpcHealthServiceAndAllElseIsTheHttpVariants() throws Exception {
		Deployment deployment = read(KUBERNETES.resolve("deployment-grpc.yaml"), Deployment.class);
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

		Deployment http = read(KUBERNETES.resolve("deployment.yaml"), Deployment.class);
		Container httpContainer = http.getSpec().getTemplate().getSpec().getContainers().get(0);
		container.setStartupProbe(httpContainer.getStartupProbe());
		container.setLivenessProbe(httpContainer.getLivenessProbe());
		container.setReadinessProbe(httpContainer.getReadinessProbe());
		container.getPorts().removeIf((port) -> "grpc".equals(port.getName()));
		assertThat(deployment).as("deployment-grpc.yaml but for its probes and gRPC port").isEqualTo(http);
	}

	@Test
	void theDeploymentsHttpTargetIsServedByTheSampleItselfOutsideReadiness() throws Exception {
		Deployment deployment = read(KUBERNETES.resolve("deployment.yaml"), Deployment.class);
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
		Deployment deployment = read(KUBERNETES.resolve("deployment.yaml"), Deployment.class);
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
		Service service = read(KUBERNETES.resolve("service.yaml"), Service.class);
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
		Deployment deployment = read(KUBERNETES.resolve("deployment.yaml"), Deployment.class);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		HealthFleetProperties fleet = environment(container).bindOrCreate("health.fleet", HealthFleetProperties.class);
		Service headless = read(KUBERNETES.resolve("service-headless.yaml"), Service.class);
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

	/**
	 * The probe advisor, fed the Deployment's probes, grace period and drain delay against what the running sample
	 * measured (its checks, their durations, its start-up time), finds nothing above {@code info}.
	 */
	@Test
	void theDeploymentsProbesGetNoAdviceAboveInfoFromTheRunningSample() throws IOException {
		Deployment deployment = read(KUBERNETES.resolve("deployment.yaml"), Deployment.class);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		ApplicationFacts running = this.runningFacts.get();
		assertThat(running.startupTime()).as("the sample is ready").isNotNull();
		ApplicationFacts facts = new ApplicationFacts(running.checks(), running.startupTime(), drainDelay(container),
				running.shutdownPhaseTimeout());
		List<Finding> advice = new ProbeAdvisor(() -> facts, () -> probes(deployment)).advice();
		assertThat(advice).allSatisfy((finding) -> assertThat(finding.severity()).as(finding.logLine())
			.isEqualTo(Severity.INFO));
	}

	/**
	 * A deliberately bad Deployment (a test resource) gets each rule's finding, with the running sample's
	 * measurements and its checks as the bad Deployment's environment configures them.
	 */
	@Test
	void aBadDeploymentGetsEachRulesFinding() throws IOException {
		Deployment deployment = read(Path.of("src", "test", "resources", "probe-advisor-bad-deployment.yaml"),
				Deployment.class);
		Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		ApplicationFacts running = this.runningFacts.get();
		List<CheckFacts> checks = new ArrayList<>();
		for (CheckFacts configured : configuredFacts(container).checks()) {
			CheckFacts measured = running.checks().stream().filter((check) -> check.name().equals(configured.name()))
				.findFirst().orElseThrow();
			checks.add(new CheckFacts(configured.name(), configured.groups(), configured.timeout(), configured.onDemand(),
					measured.p99()));
		}
		ApplicationFacts facts = new ApplicationFacts(checks, running.startupTime(), drainDelay(container),
				running.shutdownPhaseTimeout());
		Set<String> rules = new LinkedHashSet<>();
		new ProbeAdvisor(() -> facts, () -> probes(deployment)).advice().forEach((finding) -> rules.add(finding.rule()));
		assertThat(rules).contains("liveness-checks-dependencies", "liveness-equals-readiness",
				"probe-timeout-below-check", "startup-budget-below-startup-time", "drain-exceeds-grace");
		// the sample starts without its model in the tests: a slow start-up is what the rule needs
		assertThat(rules.contains("no-startup-probe")).as("no-startup-probe for a start-up of " + running.startupTime())
			.isEqualTo(running.startupTime().compareTo(Duration.ofSeconds(10)) > 0);
	}

	/** Each replica may get its own pod, and nothing else, through the service account its Deployment runs as. */
	@Test
	void theDeploymentsServiceAccountMayGetPodsAndNothingElse() throws IOException {
		Deployment deployment = read(KUBERNETES.resolve("deployment.yaml"), Deployment.class);
		String yaml = Files.readString(KUBERNETES.resolve("rbac.yaml"));
		List<String> documents = List.of(yaml.split("(?m)^---$"));
		ServiceAccount account = Serialization.unmarshal(documents.get(0), ServiceAccount.class);
		Role role = Serialization.unmarshal(documents.get(1), Role.class);
		RoleBinding binding = Serialization.unmarshal(documents.get(2), RoleBinding.class);
		assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
			.isEqualTo(account.getMetadata().getName());
		assertThat(role.getRules()).singleElement().satisfies((rule) -> {
			assertThat(rule.getApiGroups()).containsExactly("");
			assertThat(rule.getResources()).containsExactly("pods");
			assertThat(rule.getVerbs()).containsExactly("get");
		});
		assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
		assertThat(binding.getSubjects()).singleElement()
			.satisfies((subject) -> assertThat(subject.getName()).isEqualTo(account.getMetadata().getName()));
	}

	/** The advisor's facts of the sample's checks as the container's environment configures them. */
	private ApplicationFacts configuredFacts(Container container) {
		List<ApplicationFacts> facts = new ArrayList<>();
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(variables(container)))
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class, HealthAdvisorAutoConfiguration.class));
		for (String bean : this.checks.keySet()) {
			runner = runner.withBean(bean, HealthCheck.class, () -> HealthCheck.of(() -> true));
		}
		runner.run((context) -> facts.add(context.getBean(EngineFacts.class).get()));
		return facts.get(0);
	}

	private static PodProbes probes(Deployment deployment) {
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		Container container = pod.getContainers().get(0);
		return new PodProbes(settings(container.getLivenessProbe()), settings(container.getReadinessProbe()),
				settings(container.getStartupProbe()), Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()));
	}

	private static @Nullable ProbeSettings settings(@Nullable Probe probe) {
		if (probe == null) {
			return null;
		}
		return new ProbeSettings(Duration.ofSeconds(probe.getTimeoutSeconds()),
				Duration.ofSeconds(probe.getPeriodSeconds()), probe.getFailureThreshold(),
				Duration.ofSeconds((probe.getInitialDelaySeconds() != null) ? probe.getInitialDelaySeconds() : 0));
	}

	private static Duration drainDelay(Container container) {
		return container.getEnv().stream().filter((env) -> env.getName().equals("HEALTH_SHUTDOWN_DRAIN_DELAY"))
			.map((env) -> DurationStyle.detectAndParse(env.getValue())).findFirst().orElse(Duration.ZERO);
	}

	private static <T> T read(Path file, Class<T> type) throws IOException {
		try (InputStream yaml = Files.newInputStream(file)) {
			return Serialization.unmarshal(yaml, type);
		}
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
