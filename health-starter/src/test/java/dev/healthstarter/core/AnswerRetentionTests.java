package dev.healthstarter.core;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.healthstarter.HealthCheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * a translated check's answer (Actuator's {@code Health}, from user code) is kept by the engine's
 * last snapshot of each group it was evaluated in ({@code HealthEngine.lastSnapshots}, never cleaned on
 * {@code unregister}): once the check is unregistered and its group is gone, nothing evaluates that group again and
 * the answer stays reachable for the life of the engine.
 */
@Timeout(30)
class AnswerRetentionTests extends EngineTestSupport {

	@Test
	void anUnregisteredChecksAnswerIsNotKept() throws InterruptedException {
		assertThat(retained(false)).as("the unregistered check's answer, still reachable").isFalse();
	}

	/** Control: the group's last snapshot is what keeps it; evaluating the vanished group once more lets it go. */
	@Test
	void theGroupsLastSnapshotIsWhatKeepsIt() throws InterruptedException {
		assertThat(retained(true)).isFalse();
	}

	private boolean retained(boolean evaluateGroupAgain) throws InterruptedException {
		AtomicReference<WeakReference<Object>> given = new AtomicReference<>();
		this.checks.put("tenantCache", new TranslatedHealthCheck<Object>() {

			@Override
			public Object answer() {
				Object answer = new byte[8 * 1024 * 1024];
				given.set(new WeakReference<>(answer));
				return answer;
			}

			@Override
			public HealthCheckResult translate(Object answer) {
				return HealthCheckResult.healthy();
			}

		});
		this.settings.put("tenantCache", new CheckSettings(Duration.ofSeconds(1), Set.of("tenants"), true, true));
		HealthEngine engine = engine(Duration.ZERO, 4);
		assertThat(engine.evaluate("tenants").join().checks().get("tenantCache").answer() != null).isTrue();
		engine.unregister("tenantCache");
		assertThat(engine.hasGroup("tenants")).isFalse();
		if (evaluateGroupAgain) {
			engine.evaluate("tenants").join();
		}
		for (int i = 0; i < 20 && given.get().get() != null; i++) {
			System.gc();
			Thread.sleep(50);
		}
		return given.get().get() != null;
	}

}
