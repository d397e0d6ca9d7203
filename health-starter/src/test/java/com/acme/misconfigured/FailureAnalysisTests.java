package com.acme.misconfigured;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A user starts an application with an invalid {@code health.*} value: start-up ends with Boot's failure analysis
 * naming the property, its value, where it came from and what to do, not with a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalysisTests {

	@Test
	void anInvalidValueIsReportedWithItsPropertyOriginAndAction(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MisconfiguredApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--health.timeout=0s", "--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '0s' for configuration property 'health.timeout'")
			.contains("from property source \"commandLineArgs\"")
			.contains("Validation failed for the following reason:")
			.contains("must be positive")
			.contains("Review the value of the property");
	}

	@Test
	void aReservedGroupNameIsReportedAsTheGroupsProperty(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MisconfiguredApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--health.checks.db.groups=readiness,ui",
				"--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("configuration property 'health.checks.db.groups'")
			.contains("'ui' is reserved");
	}

	@Test
	void aBadTargetUrlIsReportedAgainstItsOwnKeyWithTheFileAndLineItCameFrom(CapturedOutput output,
			@TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("application.yml"), """
				health:
				  http:
				    targets:
				      - name: search
				        url: htp//search.internal/health
				""");
		SpringApplication application = new SpringApplication(MisconfiguredApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off",
				"--spring.config.additional-location=file:" + directory + "/"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'htp//search.internal/health' for configuration property"
					+ " 'health.http.targets[0].url'")
			.contains(directory.resolve("application.yml") + "]")
			.contains(" - 5:14")
			.contains("must be an absolute http or https URL");
	}

	@Test
	void aFleetOverHttpsWithAPlainHttpPeerIsReportedAgainstThatPeer(CapturedOutput output) {
		assertThatException().isThrownBy(() -> fleetMember("--health.fleet.scheme=https",
				"--health.fleet.peers=https://127.0.0.1:8081,http://127.0.0.1:8082"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'http://127.0.0.1:8082' for configuration property 'health.fleet.peers[1]'")
			.contains("health.fleet.scheme is https: list every peer as https://host:port");
	}

	@Test
	void anUnknownSslBundleOfTheFleetIsReportedWithTheBundlesThereAre(CapturedOutput output) {
		assertThatException().isThrownBy(() -> fleetMember("--health.fleet.scheme=https",
				"--health.fleet.peers=https://127.0.0.1:8081", "--health.fleet.ssl.bundle=fleet",
				"--spring.ssl.bundle.jks.members.truststore.location=classpath:fleet-tls/trust.p12",
				"--spring.ssl.bundle.jks.members.truststore.password=changeit"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value 'fleet' for configuration property 'health.fleet.ssl.bundle'")
			.contains("no SSL bundle has this name")
			.contains("bundles defined: [members]");
	}

	/** Starts a web application that is a member of a fleet, on a free port of 127.0.0.1. */
	private static void fleetMember(String... args) {
		SpringApplication application = new SpringApplication(MisconfiguredApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.setDefaultProperties(Map.of("server.port", "0", "server.address", "127.0.0.1",
				"spring.main.banner-mode", "off"));
		application.run(args);
	}

	@SpringBootApplication
	static class MisconfiguredApplication {

	}

}
