package dev.healthstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bean the starter's auto-configurations declare can be replaced by the user: each {@code @Bean} method of
 * every class listed in {@code AutoConfiguration.imports} and {@code ManagementContextConfiguration.imports},
 * nested and imported configurations included, is
 * {@link ConditionalOnMissingBean} (by type, or by the bean's name where the type is as general as a
 * {@code FilterRegistrationBean} or a {@code MeterBinder}).
 */
class ReplaceableBeansTests {

	private static final MetadataReaderFactory READERS = new SimpleMetadataReaderFactory();

	@Test
	void everyAutoConfiguredBeanBacksOffForTheUsersOwn() throws Exception {
		List<String> notReplaceable = new ArrayList<>();
		for (String configuration : autoConfigurations()) {
			for (MethodMetadata method : beanMethods(configuration)) {
				MergedAnnotation<ConditionalOnMissingBean> condition = method.getAnnotations()
					.get(ConditionalOnMissingBean.class);
				String[] names = condition.isPresent() ? condition.getStringArray("name") : new String[0];
				if (!condition.isPresent() || (names.length > 0 && !List.of(names).contains(method.getMethodName()))) {
					notReplaceable.add(method.getDeclaringClassName() + "." + method.getMethodName());
				}
			}
		}
		assertThat(notReplaceable).isEmpty();
	}

	@Test
	void aUserBeanOfTheSameNameReplacesTheStartersMeterBinder() {
		MeterBinder mine = (registry) -> {
		};
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthAutoConfiguration.class, HealthWebAutoConfiguration.class))
			.withBean("healthStarterStreamMeterBinder", MeterBinder.class, () -> mine)
			.run((context) -> assertThat(context.getBean("healthStarterStreamMeterBinder")).isSameAs(mine));
	}

	private static List<String> autoConfigurations() throws IOException {
		List<String> classes = new ArrayList<>();
		for (String imports : List.of("org.springframework.boot.autoconfigure.AutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration")) {
			try (InputStream lines = ReplaceableBeansTests.class
				.getResourceAsStream("/META-INF/spring/" + imports + ".imports")) {
				for (String line : new String(lines.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
					if (!line.isBlank() && !line.startsWith("#")) {
						classes.add(line.trim());
					}
				}
			}
		}
		assertThat(classes).isNotEmpty();
		return classes;
	}

	/** Read with ASM, as Boot reads them: the classes may name types that are not on the class path. */
	private static List<MethodMetadata> beanMethods(String configuration) throws IOException {
		MetadataReader reader = READERS.getMetadataReader(configuration);
		List<MethodMetadata> methods = new ArrayList<>(
				reader.getAnnotationMetadata().getAnnotatedMethods(Bean.class.getName()));
		for (String nested : reader.getClassMetadata().getMemberClassNames()) {
			methods.addAll(beanMethods(nested));
		}
		MergedAnnotation<Import> imports = reader.getAnnotationMetadata().getAnnotations().get(Import.class);
		if (imports.isPresent()) {
			for (String imported : imports.getStringArray("value")) {
				methods.addAll(beanMethods(imported));
			}
		}
		return methods;
	}

}
