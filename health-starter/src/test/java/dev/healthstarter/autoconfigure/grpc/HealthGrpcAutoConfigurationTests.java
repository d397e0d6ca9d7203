package dev.healthstarter.autoconfigure.grpc;

import dev.healthstarter.autoconfigure.HealthAutoConfiguration;
import dev.healthstarter.autoconfigure.HealthGrpcAutoConfiguration;
import dev.healthstarter.grpc.GrpcHealthService;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class HealthGrpcAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class, HealthGrpcAutoConfiguration.class));

	/** An application's own gRPC service. */
	private final BindableService orders = () -> ServerServiceDefinition.builder("com.acme.Orders").build();

	@Test
	void answersGrpcHealthWhenTheApplicationServesGrpc() {
		this.runner.withBean("ordersService", BindableService.class, () -> this.orders)
			.run((context) -> assertThat(context).hasSingleBean(GrpcHealthService.class));
	}

	@Test
	void addsNoServiceOfItsOwnToAnApplicationThatServesNoGrpcSoNoServerStarts() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(BindableService.class));
	}

	@Test
	void answersAloneWhenAskedTo() {
		this.runner.withPropertyValues("health.grpc.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(GrpcHealthService.class));
	}

	@Test
	void isOffWhenTurnedOff() {
		this.runner.withBean("ordersService", BindableService.class, () -> this.orders)
			.withPropertyValues("health.grpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcHealthService.class));
	}

	@Test
	void isOffWhenBootsGrpcServerIsOff() {
		this.runner.withBean("ordersService", BindableService.class, () -> this.orders)
			.withPropertyValues("spring.grpc.server.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcHealthService.class));
	}

	@Test
	void backsOffForTheApplicationsOwnHealthService() {
		HealthGrpc.HealthImplBase mine = new HealthGrpc.HealthImplBase() {
		};
		this.runner.withBean("myHealthService", HealthGrpc.HealthImplBase.class, () -> mine)
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcHealthService.class)
				.getBean(HealthGrpc.HealthImplBase.class)
				.isSameAs(mine));
	}

	@Test
	void backsOffForBootsHealthServiceWhenTheApplicationTurnsItOn() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class,
					GrpcServerHealthAutoConfiguration.class, HealthGrpcAutoConfiguration.class))
			.withBean("ordersService", BindableService.class, () -> this.orders)
			.withPropertyValues("spring.grpc.server.health.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(HealthStatusManager.class)
				.doesNotHaveBean(GrpcHealthService.class));
	}

	@Test
	void isOffWithoutGrpcServices() {
		this.runner.withBean("ordersService", BindableService.class, () -> this.orders)
			.withClassLoader(new FilteredClassLoader(HealthGrpc.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcHealthService.class));
	}

	@Test
	void isOffWithoutBootsGrpcServer() {
		this.runner.withBean("ordersService", BindableService.class, () -> this.orders)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.grpc.server"))
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcHealthService.class));
	}

	@Test
	void turnsBootsGrpcHealthOffByDefault() {
		assertThat(bootsGrpcHealthEnabled()).isEqualTo("false");
	}

	@Test
	void leavesBootsGrpcHealthAsTheApplicationSetsIt() {
		assertThat(bootsGrpcHealthEnabled("--spring.grpc.server.health.enabled=true")).isEqualTo("true");
	}

	@Test
	void leavesBootsGrpcHealthToItsOwnDefaultWhenTheStartersIsTurnedOff() {
		assertThat(bootsGrpcHealthEnabled("--health.grpc.enabled=false")).isNull();
		assertThat(bootsGrpcHealthEnabled("--health.enabled=false")).isNull();
	}

	/** @return {@code spring.grpc.server.health.enabled} in an application started with these arguments */
	private static String bootsGrpcHealthEnabled(String... args) {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(args)) {
			return context.getEnvironment().getProperty("spring.grpc.server.health.enabled");
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
