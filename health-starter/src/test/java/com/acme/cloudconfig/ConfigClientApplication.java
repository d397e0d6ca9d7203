package com.acme.cloudconfig;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Cloud application with Config's client and the starter, and no config server running: the client's
 * {@code clientConfigServer} indicator then reports {@code UNKNOWN}.
 */
@SpringBootApplication
class ConfigClientApplication {

}
