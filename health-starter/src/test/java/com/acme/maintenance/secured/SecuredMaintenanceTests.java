package com.acme.maintenance.secured;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The maintenance switch under Spring Security on Spring MVC's Tomcat, behind a {@code SecurityFilterChain}.
 */
@SpringBootTest(classes = SecuredMaintenanceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SecuredMaintenanceTests extends SecuredMaintenanceContract {

}
