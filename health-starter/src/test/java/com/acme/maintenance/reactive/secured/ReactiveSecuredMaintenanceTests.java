package com.acme.maintenance.reactive.secured;

import com.acme.maintenance.secured.SecuredMaintenanceContract;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The maintenance switch under Spring Security on WebFlux (Reactor Netty), behind a {@code SecurityWebFilterChain}.
 */
@SpringBootTest(classes = ReactiveSecuredMaintenanceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive."
						+ "TomcatReactiveWebServerAutoConfiguration" })
class ReactiveSecuredMaintenanceTests extends SecuredMaintenanceContract {

}
