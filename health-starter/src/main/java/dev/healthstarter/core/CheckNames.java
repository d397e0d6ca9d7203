package dev.healthstarter.core;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Rules for check names: derived from bean names, validated on registration.
 */
public final class CheckNames {

	/** Names of the entries that report Spring's availability states and maintenance, which checks may not take. */
	public static final Set<String> RESERVED = Set.of(AvailabilityStates.LIVENESS_STATE,
			AvailabilityStates.READINESS_STATE, AvailabilityStates.STARTUP_STATE, MaintenanceMode.MAINTENANCE_STATE);

	private static final String SUFFIX = "HealthCheck";

	/** "HealthCheck" in any case or form ({@code health-check}, {@code health_checks}), for names that missed it. */
	private static final Pattern SUFFIX_LIKE = Pattern.compile("[-_]?health[-_]?checks?", Pattern.CASE_INSENSITIVE);

	/** A fully-qualified class name, as Spring names a bean registered by class ({@code @Import}). */
	private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)");

	private CheckNames() {
	}

	/**
	 * The check name for a bean: its name without a {@code HealthCheck} suffix ({@code redisHealthCheck} is
	 * {@code redis}); a bean named just {@code HealthCheck} keeps its name.
	 * @param beanName the bean's name
	 * @return the check's name
	 */
	public static String fromBeanName(String beanName) {
		boolean stripped = beanName.length() > SUFFIX.length() && beanName.endsWith(SUFFIX);
		return stripped ? beanName.substring(0, beanName.length() - SUFFIX.length()) : beanName;
	}

	/**
	 * Whether a key under {@code health.checks} names a check, matching in any relaxed form: {@code featureStore},
	 * {@code feature-store}, {@code feature_store} and {@code FEATURESTORE} are one name.
	 * @param key the key as configured
	 * @param name the check's name
	 * @return {@code true} when they match
	 */
	public static boolean matches(String key, String name) {
		return key.equals(name) || relaxed(key).equals(relaxed(name));
	}

	/**
	 * Why a {@link dev.healthstarter.HealthCheck} bean's name would give a check a name its author does not expect,
	 * or {@code null} when it would not. Two cases do: the name holds "HealthCheck" in another case, form or
	 * position than the exact suffix that is dropped ({@code redisHealthcheck}, {@code redis-health-check},
	 * {@code healthCheckRedis}, {@code redisHealthChecks}), so the check keeps it; or the name is a class name Spring
	 * generated ({@code com.example.RedisHealthCheck}, for a class registered by {@code @Import}), so the check is
	 * named after a package. Any other name is the author's own choice and is the check's name as it is.
	 * @param beanName the bean's name
	 * @return the explanation, naming the check the bean gives and a bean name that gives the check meant
	 */
	public static @Nullable String surprise(String beanName) {
		String check = fromBeanName(beanName);
		Matcher className = CLASS_NAME.matcher(beanName);
		if (className.matches()) {
			return "HealthCheck bean '" + beanName + "' is the check '" + check
					+ "', named after its generated class name; give the bean a name: " + advice(className.group(1));
		}
		if (relaxed(check).contains("healthcheck")) {
			return "HealthCheck bean '" + beanName + "' is the check '" + check
					+ "': only an exact 'HealthCheck' suffix is dropped from a bean's name; name the bean "
					+ advice(beanName);
		}
		return null;
	}

	/**
	 * The conventional bean name for what a name meant: {@code health-check-redis} meant {@code redisHealthCheck},
	 * the check {@code redis}.
	 */
	private static String advice(String name) {
		String base = SUFFIX_LIKE.matcher(name).replaceAll("");
		if (base.isEmpty()) {
			return "after what it checks, such as 'dbHealthCheck' for the check 'db'";
		}
		String check = Character.toLowerCase(base.charAt(0)) + base.substring(1);
		return "'" + check + SUFFIX + "' for the check '" + check + "'";
	}

	/** {@code featureStore}, {@code feature-store}, {@code feature_store} and {@code FEATURESTORE} are one key. */
	private static String relaxed(String key) {
		return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * Checks a name before registration.
	 * @param name the candidate
	 * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}, or is
	 * reserved
	 */
	static void requireValid(String name) {
		if (name == null || !HealthGroups.isValidName(name)) {
			throw new IllegalArgumentException("Invalid health check name '" + name
					+ "': use 1 to 64 letters, digits, '-', '_' or '.'");
		}
		if (RESERVED.contains(name)) {
			throw new IllegalArgumentException("Health check name '" + name + "' is reserved");
		}
	}

}
