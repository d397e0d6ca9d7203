package dev.healthstarter.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.healthstarter.HealthCheck;
import dev.healthstarter.HealthMaintenance;
import dev.healthstarter.HealthState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link MaintenanceMode} in the engine: the groups it takes and the overall aggregation answer unhealthy with the
 * reason, liveness and other groups never, fail-open never lifts it, and listeners hear each change in order.
 */
class MaintenanceModeTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

	private final MaintenanceMode maintenance = new MaintenanceMode(Set.of(HealthGroups.READINESS, "lb"), this.clock);

	private final HealthEngine engine = new HealthEngine(Map.of("db", HealthCheck.of(() -> true)),
			(name) -> new CheckSettings(Duration.ofSeconds(1), Set.of(HealthGroups.READINESS, HealthGroups.LIVENESS,
					"lb", "other"), true, true),
			Duration.ofHours(1), 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, this.clock), this.maintenance,
			this.clock);

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void theGroupsItTakesAndTheOverallAnswerUnhealthyWithTheReasonAndNoOtherGroupDoes() {
		this.maintenance.enter("heap dump");
		for (String group : new String[] { HealthGroups.READINESS, "lb", null }) {
			HealthSnapshot snapshot = this.engine.evaluate(group).join();
			assertThat(snapshot.status()).as("%s", group).isEqualTo(HealthState.UNHEALTHY);
			assertThat(snapshot.maintenance()).isEqualTo(new HealthMaintenance("heap dump", this.clock.instant()));
		}
		for (String group : new String[] { HealthGroups.LIVENESS, "other" }) {
			HealthSnapshot snapshot = this.engine.evaluate(group).join();
			assertThat(snapshot.status()).as(group).isEqualTo(HealthState.HEALTHY);
			assertThat(snapshot.checks()).doesNotContainKey(MaintenanceMode.MAINTENANCE_STATE);
		}
		this.maintenance.exit();
		assertThat(this.engine.evaluate(HealthGroups.READINESS).join().status()).isEqualTo(HealthState.HEALTHY);
		assertThat(this.engine.evaluate(null).join().maintenance()).isNull();
	}

	@Test
	void failingOpenNeverLiftsIt() {
		this.engine.failOpen((group, check) -> "unhealthy on 3 of 3 instances");
		this.maintenance.enter("canary");
		assertThat(this.engine.evaluate(HealthGroups.READINESS).join().status()).isEqualTo(HealthState.UNHEALTHY);
	}

	@Test
	void whileNothingChangesTheGroupKeepsItsSnapshot() {
		this.maintenance.enter("canary");
		HealthSnapshot first = this.engine.evaluate(HealthGroups.READINESS).join();
		this.maintenance.enter("canary");
		assertThat(this.engine.evaluate(HealthGroups.READINESS).join()).isSameAs(first);
		this.maintenance.enter("canary, second look");
		HealthSnapshot changed = this.engine.evaluate(HealthGroups.READINESS).join();
		assertThat(changed).isNotSameAs(first);
		assertThat(changed.signature(false, false)).isNotEqualTo(first.signature(false, false));
	}

	@Test
	void listenersHearEachChangeInOrderAndANewReasonKeepsSince() {
		List<String> heard = new CopyOnWriteArrayList<>();
		this.engine.addListener(new HealthEvaluationListener() {
			@Override
			public void onMaintenanceChanged(@Nullable HealthMaintenance previous, @Nullable HealthMaintenance current,
					Instant at) {
				heard.add(((previous != null) ? previous.reason() : "-") + ">"
						+ ((current != null) ? current.reason() + "@" + current.since() : "-"));
			}
		});
		HealthMaintenance first = this.maintenance.enter("a");
		assertThat(this.maintenance.enter("a")).isEqualTo(first);
		assertThat(this.maintenance.enter("b").since()).isEqualTo(first.since());
		assertThat(this.maintenance.exit()).isEqualTo(new HealthMaintenance("b", first.since()));
		assertThat(this.maintenance.exit()).isNull();
		await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 3);
		assertThat(heard).containsExactly("->a@" + first.since(), "a>b@" + first.since(), "b>-");
	}

	@Test
	void aBadReasonChangesNothing() {
		for (String reason : new String[] { "", "  ", "x".repeat(201), "two\nlines" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.maintenance.enter(reason));
		}
		assertThat(this.maintenance.current()).isNull();
	}

	@Test
	void itNeverTakesLiveness() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MaintenanceMode(Set.of(HealthGroups.LIVENESS), this.clock))
			.withMessageContaining("liveness");
	}

	@Test
	void noCheckMayTakeItsEntrysName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.engine.register(MaintenanceMode.MAINTENANCE_STATE, HealthCheck.of(() -> true)));
	}

}
