package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Facts and probes for the rules' tests. */
final class Advised {

	static final Duration SECOND = Duration.ofSeconds(1);

	private Advised() {
	}

	static ApplicationFacts facts(CheckFacts... checks) {
		return new ApplicationFacts(List.of(checks), null, Duration.ZERO, Duration.ofSeconds(30));
	}

	static ApplicationFacts startedIn(Duration startupTime) {
		return new ApplicationFacts(List.of(), startupTime, Duration.ZERO, Duration.ofSeconds(30));
	}

	static CheckFacts check(String name, Duration timeout, String... groups) {
		return new CheckFacts(name, Set.of(groups), timeout, true, null);
	}

	static ProbeSettings probe(int timeoutSeconds, int periodSeconds, int failureThreshold) {
		return new ProbeSettings(Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(periodSeconds),
				failureThreshold, Duration.ZERO);
	}

	static PodProbes pod(@Nullable ProbeSettings liveness, @Nullable ProbeSettings readiness,
			@Nullable ProbeSettings startup) {
		return new PodProbes(liveness, readiness, startup, Duration.ofSeconds(120));
	}

	static PodProbes allProbes() {
		return pod(probe(2, 10, 3), probe(2, 5, 2), probe(2, 5, 60));
	}

}
