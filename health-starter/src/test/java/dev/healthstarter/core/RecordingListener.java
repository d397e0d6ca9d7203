package dev.healthstarter.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.healthstarter.HealthCheckResult;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * Records every notification of one engine as a line ({@code "changed db HEALTHY->UNHEALTHY (down)"}), in the order
 * the notifier delivered them.
 */
final class RecordingListener implements HealthEvaluationListener {

	private static final AtomicInteger sentinels = new AtomicInteger();

	private final HealthEngine engine;

	private final List<String> log = new CopyOnWriteArrayList<>();

	private RecordingListener(HealthEngine engine) {
		this.engine = engine;
	}

	static RecordingListener on(HealthEngine engine) {
		RecordingListener listener = new RecordingListener(engine);
		engine.addListener(listener);
		return listener;
	}

	@Override
	public void onRegistered(String check) {
		this.log.add("registered " + check);
	}

	@Override
	public void onCall(String check, CheckOutcome outcome) {
		this.log.add("call " + check + " " + outcome.state());
	}

	@Override
	public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
		this.log.add("changed " + check + " " + ((previous != null) ? previous.state() : null) + "->" + current.state()
				+ " (" + current.message() + ")");
	}

	@Override
	public void onUnregistered(String check) {
		this.log.add("unregistered " + check);
	}

	/** Waits until every notification queued before this call was delivered. */
	void drain() {
		String sentinel = "sentinel" + sentinels.incrementAndGet();
		this.engine.register(sentinel, HealthCheckResult::healthy);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.log.contains("registered " + sentinel));
		this.engine.unregister(sentinel);
	}

	/** @return the lines about one check, in delivery order */
	List<String> of(String check) {
		return this.log.stream().filter((line) -> line.split(" ")[1].equals(check)).toList();
	}

	/** @return the lines about one check delivered after its {@code onUnregistered} */
	List<String> afterUnregistered(String check) {
		List<String> lines = of(check);
		int unregistered = lines.indexOf("unregistered " + check);
		return (unregistered != -1) ? lines.subList(unregistered + 1, lines.size()) : List.of();
	}

}
