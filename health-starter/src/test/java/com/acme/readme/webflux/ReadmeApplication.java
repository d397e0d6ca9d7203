package com.acme.readme.webflux;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux application with the dependencies the README names for its {@code ReactiveHealthCheck} example
 * ({@code spring-boot-starter-webflux}, {@code spring-boot-starter-webclient}), and the example as pasted.
 */
@SpringBootApplication
class ReadmeApplication {

}
