package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;

/**
 * The probes of the application's own pod, read from the Kubernetes API with the fabric8 client (in a pod: the
 * service account's token and namespace from the standard in-pod files, the pod's name from {@code HOSTNAME}). The
 * container is the one whose probes ask the health base path, else the pod's first. A pod's probes never change
 * while it runs, so the pod is read once, when the bean is created (before the web server starts), and never by a
 * request or the engine's scheduler. When it cannot be read, the fallback ({@code health.advisor.*}) answers, with one
 * INFO line saying why: a 403 means the service account lacks RBAC (the sample's Role grants {@code get} on its own
 * pods). Closes its client with its bean. Thread-safe.
 */
public final class KubernetesProbeSource implements ProbeSource, InitializingBean, AutoCloseable {

	private static final Log logger = LogFactory.getLog(KubernetesProbeSource.class);

	private static final int FORBIDDEN = 403;

	/** The one read of the pod may take this long, at start-up. */
	private static final int TIMEOUT_MILLIS = 5000;

	private final KubernetesClient client;

	private final String namespace;

	private final String podName;

	private final String basePath;

	private final ProbeSource fallback;

	private volatile @Nullable PodProbes probes;

	/**
	 * @param client the client, closed with this source
	 * @param namespace the pod's namespace
	 * @param podName the pod's name
	 * @param basePath the health base path, to find the application's container among the pod's
	 * @param fallback what answers while the pod cannot be read
	 */
	public KubernetesProbeSource(KubernetesClient client, String namespace, String podName, String basePath,
			ProbeSource fallback) {
		this.client = client;
		this.namespace = namespace;
		this.podName = podName;
		this.basePath = basePath;
		this.fallback = fallback;
	}

	/**
	 * The source of the pod this application runs in, through a client configured as fabric8 configures itself in
	 * a pod (the service account's token, CA certificate and namespace), with short timeouts and no retries.
	 * @param podName the pod's name ({@code HOSTNAME})
	 * @param basePath the health base path
	 * @param fallback what answers while the pod cannot be read
	 * @return the source
	 */
	public static KubernetesProbeSource inPod(String podName, String basePath, ProbeSource fallback) {
		Config config = new ConfigBuilder(Config.autoConfigure(null)).withConnectionTimeout(TIMEOUT_MILLIS)
			.withRequestTimeout(TIMEOUT_MILLIS)
			.withRequestRetryBackoffLimit(0)
			.build();
		KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
		return new KubernetesProbeSource(client, Objects.requireNonNullElse(client.getNamespace(), "default"), podName,
				basePath, fallback);
	}

	/** Reads the pod. */
	@Override
	public void afterPropertiesSet() {
		this.probes = read();
	}

	@Override
	public @Nullable PodProbes probes() {
		PodProbes read = this.probes;
		return (read != null) ? read : this.fallback.probes();
	}

	private @Nullable PodProbes read() {
		String pod = this.namespace + "/" + this.podName;
		try {
			Pod read = this.client.pods().inNamespace(this.namespace).withName(this.podName).get();
			if (read != null) {
				return probes(read);
			}
			logger.info("Probe advisor: pod " + pod + " not found in the Kubernetes API; using health.advisor.*");
		}
		catch (KubernetesClientException ex) {
			logger.info((ex.getCode() == FORBIDDEN)
					? "Probe advisor: the service account may not get pod " + pod + " (403); using health.advisor.*"
							+ " (grant it 'get' on pods to read the pod's own probes)"
					: "Probe advisor: could not read pod " + pod + " (" + ex.getMessage() + "); using health.advisor.*");
		}
		return null;
	}

	private PodProbes probes(Pod pod) {
		Container container = container(pod.getSpec().getContainers());
		Long grace = pod.getSpec().getTerminationGracePeriodSeconds();
		return new PodProbes(settings(container.getLivenessProbe()), settings(container.getReadinessProbe()),
				settings(container.getStartupProbe()),
				(grace != null) ? Duration.ofSeconds(grace) : PodProbes.DEFAULT_TERMINATION_GRACE_PERIOD);
	}

	private Container container(List<Container> containers) {
		for (Container container : containers) {
			for (Probe probe : new Probe[] { container.getLivenessProbe(), container.getReadinessProbe(),
					container.getStartupProbe() }) {
				HTTPGetAction get = (probe != null) ? probe.getHttpGet() : null;
				if (get != null && get.getPath() != null && get.getPath().startsWith(this.basePath)) {
					return container;
				}
			}
		}
		return containers.get(0);
	}

	private static @Nullable ProbeSettings settings(@Nullable Probe probe) {
		if (probe == null) {
			return null;
		}
		ProbeSettings defaults = ProbeSettings.KUBERNETES_DEFAULTS;
		return new ProbeSettings(seconds(probe.getTimeoutSeconds(), defaults.timeout()),
				seconds(probe.getPeriodSeconds(), defaults.period()),
				(probe.getFailureThreshold() != null) ? probe.getFailureThreshold() : defaults.failureThreshold(),
				seconds(probe.getInitialDelaySeconds(), defaults.initialDelay()));
	}

	private static Duration seconds(@Nullable Integer seconds, Duration fallback) {
		return (seconds != null) ? Duration.ofSeconds(seconds) : fallback;
	}

	@Override
	public void close() {
		this.client.close();
	}

}
