package dev.healthstarter.autoconfigure.secured;

import dev.healthstarter.autoconfigure.HealthAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthSecurityAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthWebAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class HealthSecurityAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(SecurityAutoConfiguration.class,
			ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
			HealthAutoConfiguration.class, HealthWebAutoConfiguration.class, HealthSecurityAutoConfiguration.class);

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);

	@Test
	void addsItsChainBesideBootsDefaultChain() {
		this.runner.run((context) -> assertThat(context.getBeansOfType(SecurityFilterChain.class))
			.containsKey("healthStarterSecurityFilterChain")
			.hasSize(2));
	}

	@Test
	void keepsTheApplicationsOwnChain() {
		this.runner.withUserConfiguration(UserChainConfiguration.class)
			.run((context) -> assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys(
					"healthStarterSecurityFilterChain", "appChain"));
	}

	@Test
	void backsOffFromAUserBeanOfTheSameName() {
		this.runner.withUserConfiguration(ReplacementConfiguration.class)
			.run((context) -> assertThat(context.getBean("healthStarterSecurityFilterChain"))
				.isSameAs(context.getBean(ReplacementConfiguration.class).chain));
	}

	@Test
	void isAbsentWithoutSpringSecurityInNonWebAppsAndWhenDisabled() {
		this.runner.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
			.run((context) -> assertThat(context).doesNotHaveBean("healthStarterSecurityFilterChain"));
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).doesNotHaveBean("healthStarterSecurityFilterChain"));
		this.runner.withPropertyValues("health.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("healthStarterSecurityFilterChain"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		@Bean
		SecurityFilterChain appChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReplacementConfiguration {

		private SecurityFilterChain chain;

		@Bean
		SecurityFilterChain healthStarterSecurityFilterChain(HttpSecurity http) throws Exception {
			this.chain = http.securityMatcher("/health/**").build();
			return this.chain;
		}

	}

}
