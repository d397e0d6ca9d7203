package dev.healthstarter.web;

import dev.healthstarter.advisor.Finding;
import dev.healthstarter.autoconfigure.HealthWebAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints a native image needs: the JSON bodies (and the records nested in them) bindable by reflection, and the
 * dashboard page as a resource; and the web auto-configuration imports them.
 */
class HealthRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void jsonBodiesAndTheDashboardPageAreRegistered() {
		new HealthRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		for (Class<?> type : new Class<?>[] { HealthResponse.class, HealthResponse.CheckResponse.class,
				HealthJsonResponse.class, HealthJsonResponse.Check.class, HealthHistoryResponse.class,
				HealthHistoryResponse.Transition.class, Finding.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategory(
					MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(type.getName()).accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/healthstarter/web/health-ui.html"))
			.accepts(this.hints);
	}

	@Test
	void theWebAutoConfigurationImportsThem() {
		assertThat(HealthWebAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.contains(HealthRuntimeHints.class);
	}

}
