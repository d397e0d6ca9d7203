package dev.healthstarter.fleet;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The fleet's members as Spring Cloud's {@link DiscoveryClient} lists the instances of one service (Kubernetes,
 * Consul, Eureka, or the simple discovery client's {@code spring.cloud.discovery.client.simple.instances}): each
 * instance's {@link ServiceInstance#getUri() URI}, with its port replaced when the instances serve health on another
 * port ({@code health.fleet.port}), and its scheme by {@code https} when the links use HTTPS (a registration's
 * {@link ServiceInstance#isSecure() secure} flag never takes a link to clear text). Only loaded when
 * spring-cloud-commons is on the class path. Thread-safe when the discovery client is, as Spring Cloud's are.
 */
public final class DiscoveryClientMembership implements FleetMembership {

	private final Supplier<DiscoveryClient> discoveryClient;

	private final String serviceId;

	private final @Nullable Integer port;

	private final boolean https;

	/**
	 * @param discoveryClient the application's discovery client, looked up at each call (it may be created after
	 * this membership)
	 * @param serviceId the service whose instances form the fleet
	 * @param port the instances' port for health, or {@code null} for the port each instance is registered with
	 */
	public DiscoveryClientMembership(Supplier<DiscoveryClient> discoveryClient, String serviceId,
			@Nullable Integer port) {
		this(discoveryClient, serviceId, port, "http");
	}

	/**
	 * @param discoveryClient the application's discovery client, looked up at each call (it may be created after
	 * this membership)
	 * @param serviceId the service whose instances form the fleet
	 * @param port the instances' port for health, or {@code null} for the port each instance is registered with
	 * @param scheme the links' scheme: with {@code https} every instance is listed as {@code https}, with
	 * {@code http} each as registered (a secure one is then not linked)
	 */
	public DiscoveryClientMembership(Supplier<DiscoveryClient> discoveryClient, String serviceId,
			@Nullable Integer port, String scheme) {
		this.discoveryClient = discoveryClient;
		this.serviceId = serviceId;
		this.port = port;
		this.https = "https".equals(scheme);
	}

	@Override
	public List<URI> members(int ownPort) {
		List<URI> members = new ArrayList<>();
		for (ServiceInstance instance : this.discoveryClient.get().getInstances(this.serviceId)) {
			UriComponentsBuilder member = UriComponentsBuilder.fromUri(instance.getUri());
			if (this.port != null) {
				member.port(this.port);
			}
			if (this.https) {
				member.scheme("https");
			}
			members.add(member.build(true).toUri());
		}
		return members;
	}

	@Override
	public String toString() {
		return "DiscoveryClient service " + this.serviceId;
	}

}
