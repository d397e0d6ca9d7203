package dev.healthstarter.advisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pod's own probes from the Kubernetes API, against fabric8's own API server double, with a Pod built from the
 * sample's Deployment ({@code sample-app/deploy/kubernetes/deployment.yaml}).
 */
@EnableKubernetesMockClient
@ExtendWith(OutputCaptureExtension.class)
class KubernetesProbeSourceTests {

	private static final String NAMESPACE = "shop";

	private static final String POD = "inference-service-7d9c-x2x4z";

	private static final String POD_PATH = "/api/v1/namespaces/" + NAMESPACE + "/pods/" + POD;

	private static final Path SAMPLE_DEPLOYMENT = Path.of("..", "sample-app", "deploy", "kubernetes",
			"deployment.yaml");

	private static final PodProbes FALLBACK = new PodProbes(null, null, null, Duration.ofSeconds(99));

	static KubernetesMockServer server;

	static KubernetesClient client;

	private KubernetesProbeSource source;

	private int requestsBefore;

	/** After the extension has started this test's server; a client as {@link KubernetesProbeSource#inPod}'s: no retries. */
	@BeforeEach
	void createSource() {
		this.source = new KubernetesProbeSource(new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
			.build(), NAMESPACE, POD, "/health", () -> FALLBACK);
		this.requestsBefore = server.getRequestCount();
	}

	@AfterEach
	void close() {
		this.source.close();
	}

	@Test
	void readsTheProbesOfTheSamplesPodOnce() throws IOException {
		PodSpec spec = sampleDeployment().getSpec().getTemplate().getSpec();
		server.expect().get().withPath(POD_PATH).andReturn(200, pod(spec)).once();
		Container container = spec.getContainers().get(0);
		PodProbes expected = new PodProbes(settings(container.getLivenessProbe()),
				settings(container.getReadinessProbe()), settings(container.getStartupProbe()),
				Duration.ofSeconds(spec.getTerminationGracePeriodSeconds()));
		this.source.afterPropertiesSet();
		assertThat(this.source.probes()).isEqualTo(expected);
		assertThat(this.source.probes()).isEqualTo(expected);
		assertThat(server.getRequestCount() - this.requestsBefore).isEqualTo(1);
		assertThat(expected.readiness()).isEqualTo(
				new ProbeSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ZERO));
	}

	@Test
	void findsTheApplicationsContainerBesideASidecar() throws IOException {
		PodSpec spec = sampleDeployment().getSpec().getTemplate().getSpec();
		Probe sidecarProbe = new ProbeBuilder().withNewHttpGet().withPath("/ready").endHttpGet()
			.withTimeoutSeconds(9).build();
		spec.getContainers().add(0, new ContainerBuilder().withName("proxy").withReadinessProbe(sidecarProbe).build());
		server.expect().get().withPath(POD_PATH).andReturn(200, pod(spec)).once();
		this.source.afterPropertiesSet();
		assertThat(this.source.probes().readiness().timeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void withoutLeaveToReadThePodFallsBackToPropertiesWithOneInfoLine(CapturedOutput output) {
		server.expect().get().withPath(POD_PATH)
			.andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
				.withMessage("pods \"" + POD + "\" is forbidden").build())
			.once();
		this.source.afterPropertiesSet();
		assertThat(this.source.probes()).isSameAs(FALLBACK);
		assertThat(this.source.probes()).isSameAs(FALLBACK);
		assertThat(server.getRequestCount() - this.requestsBefore).isEqualTo(1);
		assertThat(output.getAll().lines().filter((line) -> line.contains("Probe advisor"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO").contains("(403)").contains(NAMESPACE + "/" + POD));
	}

	@Test
	void whenTheApiIsUnreachableFallsBackToPropertiesWithOneInfoLine(CapturedOutput output) {
		server.expect().get().withPath(POD_PATH).andReturn(503, "down").once();
		this.source.afterPropertiesSet();
		assertThat(this.source.probes()).isSameAs(FALLBACK);
		assertThat(this.source.probes()).isSameAs(FALLBACK);
		assertThat(server.getRequestCount() - this.requestsBefore).isEqualTo(1);
		assertThat(output.getAll()).contains("Probe advisor: could not read pod " + NAMESPACE + "/" + POD);
	}

	@Test
	void neverReadsThePodWhenAsked() {
		assertThat(this.source.probes()).isSameAs(FALLBACK);
		assertThat(server.getRequestCount() - this.requestsBefore).isZero();
	}

	static Deployment sampleDeployment() throws IOException {
		try (InputStream yaml = Files.newInputStream(SAMPLE_DEPLOYMENT)) {
			return Serialization.unmarshal(yaml, Deployment.class);
		}
	}

	private static Pod pod(PodSpec spec) {
		return new PodBuilder().withNewMetadata().withName(POD).withNamespace(NAMESPACE).endMetadata()
			.withSpec(spec).build();
	}

	private static ProbeSettings settings(Probe probe) {
		return new ProbeSettings(Duration.ofSeconds(probe.getTimeoutSeconds()),
				Duration.ofSeconds(probe.getPeriodSeconds()), probe.getFailureThreshold(),
				Duration.ofSeconds((probe.getInitialDelaySeconds() != null) ? probe.getInitialDelaySeconds() : 0));
	}

}
