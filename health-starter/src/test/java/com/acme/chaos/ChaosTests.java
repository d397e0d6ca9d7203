package com.acme.chaos;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.acme.chaos.ChaosApplication.EventLog;
import com.acme.testing.HttpTestClient;
import com.acme.testing.HttpTestClient.SseStream;
import com.acme.testing.StarterThreads;
import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthCheckStateChangedEvent;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks drawn at random from every way user code misbehaves are registered and unregistered while 16 clients call
 * {@code /health}, groups and streams. Replay a run with {@code -Dchaos.seed=<seed printed>}; change its length with
 * {@code -Dchaos.seconds}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "health.actuator.enabled=false", "health.timeout=" + ChaosTests.TIMEOUT_MILLIS + "ms",
				"health.cache-ttl=100ms", "health.execution.max-threads=8", "health.max-details-size=4KB", "health.show-details=always" })
@Timeout(180)
class ChaosTests {

	static final long TIMEOUT_MILLIS = 500;

	private static final Duration ANSWER_BOUND = Duration.ofMillis(TIMEOUT_MILLIS + 250);

	private static final int CLIENTS = 16;

	private static final long WARM_UP_SECONDS = 3;

	private volatile long measuredFrom;

	@LocalServerPort
	private int port;

	@Autowired
	private HealthEngine engine;

	@Autowired
	private EventLog eventLog;

	@Autowired
	private MeterRegistry meters;

	private final CountDownLatch release = new CountDownLatch(1);

	private final Map<String, Chaotic> registered = new ConcurrentHashMap<>();

	private final Violations violations = new Violations();

	@Test
	void misbehavingChecksNeverDeadlockDelayCrashOrLie() throws Exception {
		long seed = Long.getLong("chaos.seed", System.nanoTime());
		long seconds = Long.getLong("chaos.seconds", 20);
		System.out.println("Chaos seed: " + seed + " (replay with -Dchaos.seed=" + seed + ")");
		Random random = new Random(seed);
		HttpTestClient http = new HttpTestClient(this.port);
		for (int i = 0; i < 8; i++) {
			register(random, i);
		}
		// answers in the first seconds also wait for the JIT, Tomcat's new threads and 16 new connections
		this.measuredFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
		long end = this.measuredFrom + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
		AtomicLong answers = new AtomicLong();
		AtomicLong worstNanos = new AtomicLong();
		AtomicInteger maxStarterThreads = new AtomicInteger();
		List<Future<?>> running = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				int client = i;
				running.add(clients.submit(() -> {
					if (client < 2) {
						readStream(http, (client == 0) ? "/health/$stream?poll_interval=0.1"
								: "/health/readiness/$stream?mode=changes", end);
						return;
					}
					String path = switch (client % 3) {
						case 0 -> "/health";
						case 1 -> "/health/readiness";
						default -> "/health/chaos";
					};
					while (System.nanoTime() < end) {
						long start = System.nanoTime();
						HttpResponse<String> response = http.get(path);
						long took = System.nanoTime() - start;
						boolean measured = start >= this.measuredFrom;
						if (measured) {
							answers.incrementAndGet();
							worstNanos.accumulateAndGet(took, Math::max);
						}
						checkAnswer(path, response, measured ? took : 0);
					}
				}));
			}
			running.add(clients.submit(() -> {
				int next = 8;
				while (System.nanoTime() < end) {
					assertNoDeadlock();
					maxStarterThreads.accumulateAndGet(StarterThreads.count(), Math::max);
					if (random.nextInt(4) == 0) {
						List<String> names = new ArrayList<>(this.registered.keySet());
						if (names.size() > 4 && random.nextBoolean()) {
							unregister(names.get(random.nextInt(names.size())));
						}
						else {
							register(random, next++);
						}
					}
					sleep(50);
				}
			}));
			for (Future<?> future : running) {
				future.get(seconds + 60, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
			this.release.countDown();
		}
		assertNoDeadlock();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(this::eventsMatchTransitionCounters);
		System.out.printf("Chaos: %d answers, slowest %d ms, at most %d starter threads, %d checks registered, "
				+ "%d state change events (after %d s of warm-up)%n", answers.get(), TimeUnit.NANOSECONDS.toMillis(worstNanos.get()),
				maxStarterThreads.get(), this.registered.size(),
				this.eventLog.events.values().stream().mapToInt(List::size).sum(), WARM_UP_SECONDS);
		assertThat(this.violations.all()).isEmpty();
		assertThat(answers.get()).isGreaterThan(100);
		assertThat(Duration.ofNanos(worstNanos.get())).isLessThanOrEqualTo(ANSWER_BOUND);
		// per check at most one call holds a thread past its timeout; the pool itself has 8, plus scheduler,
		// notifier, stream ticker and writers
		assertThat(maxStarterThreads.get()).isLessThanOrEqualTo(8 + 60 + 12);
	}

	private void checkAnswer(String path, HttpResponse<String> response, long tookNanos) {
		int status = response.statusCode();
		if (status != 200 && status != 503) {
			this.violations.add(path + " answered " + status + ": " + response.body());
			return;
		}
		JsonNode body = HttpTestClient.json(response);
		boolean unhealthy = "unhealthy".equals(body.get("status").asString());
		if (unhealthy != (status == 503)) {
			this.violations.add(path + " answered " + status + " for " + body.get("status"));
		}
		if (tookNanos > ANSWER_BOUND.toNanos()) {
			StringBuilder durations = new StringBuilder();
			body.get("checks").properties().forEach((entry) -> durations.append(' ').append(entry.getKey()).append('=')
				.append(entry.getValue().get("durationMs")).append('/').append(entry.getValue().get("checkedAt")));
			this.violations.add(path + " took " + TimeUnit.NANOSECONDS.toMillis(tookNanos) + " ms, answered "
					+ java.time.Instant.now() + ":" + durations);
		}
	}

	private void readStream(HttpTestClient http, String path, long end) {
		try (SseStream stream = http.stream(path)) {
			long lastId = 0;
			while (System.nanoTime() < end) {
				HttpTestClient.Frame frame = stream.next();
				if (frame == null) {
					this.violations.add(path + " ended early");
					return;
				}
				if (!frame.isComment()) {
					long id = Long.parseLong(frame.field("id"));
					if (id <= lastId) {
						this.violations.add(path + " sent id " + id + " after " + lastId);
					}
					lastId = id;
					frame.data();
				}
			}
		}
		catch (Exception ex) {
			this.violations.add(path + " failed: " + ex);
		}
	}

	private void register(Random random, int index) {
		Behaviour behaviour = Behaviour.values()[random.nextInt(Behaviour.values().length)];
		String name = behaviour.name().toLowerCase() + "-" + index;
		Chaotic check = new Chaotic(name, behaviour, new Random(random.nextLong()));
		this.registered.put(name, check);
		this.engine.register(name, check, new CheckSettings(Duration.ofMillis(TIMEOUT_MILLIS),
				Set.of("readiness", "chaos"), random.nextBoolean(), true));
	}

	/**
	 * Unregisters a check; a call that entered the check more than 200 ms after that returned is a violation (a
	 * call that had already started may still be entering it, on a busy machine).
	 */
	private void unregister(String name) {
		Chaotic check = this.registered.remove(name);
		this.engine.unregister(name);
		CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> check.unregistered = true);
	}

	private void eventsMatchTransitionCounters() {
		for (Map.Entry<String, Chaotic> entry : this.registered.entrySet()) {
			String name = entry.getKey();
			List<HealthCheckStateChangedEvent> events = this.eventLog.events.getOrDefault(name, List.of());
			Map<HealthState, Integer> byState = new HashMap<>();
			HealthState last = null;
			for (HealthCheckStateChangedEvent event : events) {
				assertThat(last == null || event.getPreviousState() == last).as("events of %s out of order", name).isTrue();
				last = event.getState();
				byState.merge(event.getState(), 1, Integer::sum);
			}
			for (HealthState state : HealthState.values()) {
				Counter counter = this.meters.find("health.check.transitions").tags("check", name, "state", state.value())
					.counter();
				double counted = (counter != null) ? counter.count() : 0;
				assertThat(counted).as("transitions of %s to %s", name, state).isEqualTo((double) byState.getOrDefault(state, 0));
			}
		}
	}

	private static void assertNoDeadlock() {
		assertThat(ManagementFactory.getThreadMXBean().findDeadlockedThreads()).isNull();
	}

	private static void sleep(long millis) {
		LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
	}

	/** Ways a user's check misbehaves. */
	enum Behaviour {

		HEALTHY, SLOW, HANG, STUBBORN_HANG, THROWS, ERROR, NULL, UNSERIALIZABLE, FLAPPING

	}

	/** One check of a behaviour; records a violation if it is called after its unregistration returned. */
	final class Chaotic implements HealthCheck {

		private final String name;

		private final Behaviour behaviour;

		private final Random random;

		volatile boolean unregistered;

		Chaotic(String name, Behaviour behaviour, Random random) {
			this.name = name;
			this.behaviour = behaviour;
			this.random = random;
		}

		@Override
		public HealthCheckResult check() throws Exception {
			if (this.unregistered) {
				ChaosTests.this.violations.add(this.name + " was called after it was unregistered");
			}
			switch (this.behaviour) {
				case SLOW -> Thread.sleep(nextInt(2 * TIMEOUT_MILLIS));
				case HANG -> ChaosTests.this.release.await();
				case STUBBORN_HANG -> {
					long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
					while (System.nanoTime() < end && ChaosTests.this.release.getCount() > 0) {
						LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
					}
				}
				case THROWS -> throw new IllegalStateException("connection refused\nat line two");
				case ERROR -> throw new OutOfMemoryError("pretend");
				case NULL -> {
					return null;
				}
				case UNSERIALIZABLE -> {
					return HealthCheckResult.healthy().withDetail("connection", new Object());
				}
				case FLAPPING -> {
					return (nextInt(2) == 0) ? HealthCheckResult.healthy() : HealthCheckResult.unhealthy("flap");
				}
				default -> {
				}
			}
			return HealthCheckResult.healthy();
		}

		private synchronized int nextInt(long bound) {
			return this.random.nextInt((int) bound);
		}

	}

	/** Violations seen by any thread. */
	static final class Violations {

		private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();

		void add(String violation) {
			if (this.items.size() < 50) {
				this.items.add(violation);
			}
		}

		List<String> all() {
			return List.copyOf(this.items);
		}

	}

}
