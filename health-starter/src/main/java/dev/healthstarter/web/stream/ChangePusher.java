package dev.healthstarter.web.stream;

import java.util.Set;
import java.util.function.Consumer;

import dev.healthstarter.core.CheckOutcome;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.HealthEvaluationListener;
import org.jspecify.annotations.Nullable;

/**
 * Tells the broadcaster which groups a change may show in, whenever something a group shows may have changed, so that
 * it pushes a frame to their {@link StreamMode#CHANGES} subscribers. Runs on the engine's notifier thread.
 */
final class ChangePusher implements HealthEvaluationListener {

	private final HealthEngine engine;

	private final Consumer<@Nullable Set<String>> push;

	/**
	 * @param engine tells a check's groups
	 * @param push pushes to the subscribers of the groups given, or of every group for {@code null}
	 */
	ChangePusher(HealthEngine engine, Consumer<@Nullable Set<String>> push) {
		this.engine = engine;
		this.push = push;
	}

	@Override
	public void onReportChanged(String check, @Nullable CheckOutcome previous, CheckOutcome current) {
		this.push.accept(this.engine.groupsOf(check));
	}

	@Override
	public void onUnregistered(String check) {
		// its groups are no longer known: any of them may have lost it
		this.push.accept(null);
	}

	@Override
	public void onAvailabilityChanged() {
		this.push.accept(null);
	}

	@Override
	public void onFailOpenChanged() {
		this.push.accept(null);
	}

}
