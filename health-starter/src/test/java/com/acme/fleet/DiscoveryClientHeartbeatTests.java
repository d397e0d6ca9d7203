package com.acme.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.healthstarter.autoconfigure.HealthFleetProperties;
import dev.healthstarter.fleet.DiscoveryClientEventsListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Membership as fast as discovery: a replica finding its fleet through Spring Cloud's simple discovery client (service
 * {@code orders}, {@code health.fleet.refresh-interval} at its default of 30 s) watches an instance added to the
 * discovery client within 1 s of Spring Cloud's {@link HeartbeatEvent} or {@link InstanceRegisteredEvent}, and not
 * before.
 */
@Timeout(60)
class DiscoveryClientHeartbeatTests {

	private Replicas replicas;

	private FakePeer peer;

	@AfterEach
	void stop() throws Exception {
		if (this.replicas != null) {
			this.replicas.close();
		}
		if (this.peer != null) {
			this.peer.close();
		}
	}

	@Test
	void aHeartbeatEventGetsANewInstanceWatchedWithinOneSecond() throws Exception {
		ConfigurableApplicationContext context = startOneReplicaAndANewInstance();
		context.publishEvent(new HeartbeatEvent(this, 1L));
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.replicas.states(0)).containsEntry(this.peer.key(), "healthy"));
	}

	@Test
	void anInstanceRegisteredEventGetsANewInstanceWatchedWithinOneSecond() throws Exception {
		ConfigurableApplicationContext context = startOneReplicaAndANewInstance();
		context.publishEvent(new InstanceRegisteredEvent<>(this, "registration"));
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.replicas.states(0)).containsEntry(this.peer.key(), "healthy"));
	}

	/**
	 * Starts one replica, then adds a new instance (a fake peer) to the simple discovery client, and shows that the
	 * replica does not see it unaided: the next refresh is 30 s away.
	 */
	private ConfigurableApplicationContext startOneReplicaAndANewInstance() throws Exception {
		this.replicas = Replicas.discovered(1).startAll();
		ConfigurableApplicationContext context = this.replicas.context(0);
		assertThat(context.getBean(HealthFleetProperties.class).getRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(context.getBeansOfType(DiscoveryClientEventsListener.class)).hasSize(1);
		this.replicas.awaitSeenHealthyBy(0);
		this.peer = new FakePeer();
		InstanceProperties instance = new InstanceProperties();
		instance.setServiceId("orders");
		instance.setUri(this.peer.uri());
		Map<String, List<InstanceProperties>> instances = context.getBean(SimpleDiscoveryProperties.class)
			.getInstances();
		List<InstanceProperties> orders = new ArrayList<>(instances.get("orders"));
		orders.add(instance);
		// a new list for the key already there: the map is not restructured under a concurrent read
		instances.put("orders", orders);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.replicas.states(0)).doesNotContainKey(this.peer.key()));
		return context;
	}

}
