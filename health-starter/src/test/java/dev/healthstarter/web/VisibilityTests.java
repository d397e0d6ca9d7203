package dev.healthstarter.web;

import java.security.Principal;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityTests {

	private static final Principal OPERATOR = () -> "ops";

	@Test
	void bootsDefaultsShowStatesToEveryoneAndMessagesOnlyToAuthorizedCallers() {
		Visibility visibility = new Visibility(Show.ALWAYS, Show.WHEN_AUTHORIZED, Set.of());
		assertThat(visibility.shown(null, (role) -> false)).isEqualTo(Shown.COMPONENTS);
		assertThat(visibility.shown(OPERATOR, (role) -> false)).isEqualTo(Shown.DETAILS);
		assertThat(visibility.grantedByAuthorization(Shown.DETAILS)).isTrue();
		assertThat(visibility.grantedByAuthorization(Shown.COMPONENTS)).isFalse();
	}

	@Test
	void rolesNarrowWhoCountsAsAuthorized() {
		Visibility visibility = new Visibility(Show.WHEN_AUTHORIZED, Show.WHEN_AUTHORIZED, Set.of("OPS"));
		assertThat(visibility.shown(OPERATOR, (role) -> false)).isEqualTo(Shown.STATUS);
		assertThat(visibility.shown(OPERATOR, "OPS"::equals)).isEqualTo(Shown.DETAILS);
	}

	@Test
	void detailsAreNeverShownWhereComponentsAreNot() {
		assertThat(new Visibility(Show.NEVER, Show.ALWAYS, Set.of()).shown(OPERATOR, (role) -> true))
			.isEqualTo(Shown.STATUS);
		assertThat(Visibility.ALWAYS.shown(null, (role) -> false)).isEqualTo(Shown.DETAILS);
		assertThat(Visibility.ALWAYS.grantedByAuthorization(Shown.DETAILS)).isFalse();
	}

}
