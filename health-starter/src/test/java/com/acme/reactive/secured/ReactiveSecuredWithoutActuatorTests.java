package com.acme.reactive.secured;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@link ReactiveSecuredApplicationTests} without Actuator's management chain, so that the application has no chain
 * at all but the starter's: Spring Security's default protection still covers everything else.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				ReactiveSecuredApplication.NETTY + ",org.springframework.boot.security.autoconfigure.actuate.web."
						+ "reactive.ReactiveManagementWebSecurityAutoConfiguration",
				"spring.security.user.name=ops", "spring.security.user.password=secret",
				"spring.security.user.roles=OPS", "health.show-details=when-authorized",
				"health.security.http-basic=true" })
class ReactiveSecuredWithoutActuatorTests extends ReactiveSecuredApplicationTests {

}
