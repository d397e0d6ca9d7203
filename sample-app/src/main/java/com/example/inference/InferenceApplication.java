package com.example.inference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * An inference service: loads a model at start-up, answers predictions, and reports its health through
 * health-starter.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InferenceApplication {

	public static void main(String[] args) {
		SpringApplication.run(InferenceApplication.class, args);
	}

}
