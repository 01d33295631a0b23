package dev.watchkeeper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps the module map true: no module reaches into another's {@code internal} package,
 * no cycles, and each outside system's SDK is imported by one module only. Also writes
 * the module diagrams to {@code target/spring-modulith-docs}.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(Watchkeeper.class);

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.watchkeeper");

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void onlyTheSlackModuleTalksToSlack() {
		noClasses().that()
			.resideOutsideOfPackage("dev.watchkeeper.slack..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.slack.api..")
			.check(classes);
	}

	@Test
	void onlyCredentialsInternalsTalkToVault() {
		noClasses().that()
			.resideOutsideOfPackage("dev.watchkeeper.credentials.internal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.jopenlibs.vault..")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void nothingDependsOnTheSlackModule() {
		noClasses().that()
			.resideOutsideOfPackage("dev.watchkeeper.slack..")
			.and()
			.resideInAPackage("dev.watchkeeper.(*)..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.watchkeeper.slack..")
			.check(classes);
	}

	@Test
	void redactionIsPureJava() {
		noClasses().that()
			.resideInAPackage("dev.watchkeeper.redaction")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.net..", "java.sql..")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void aiSummariesHaveNoPowerOverActions() {
		noClasses().that()
			.resideInAPackage("dev.watchkeeper.summary.llm..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.watchkeeper.approvals..", "dev.watchkeeper.actions..",
					"dev.watchkeeper.credentials..", "dev.watchkeeper.slack..", "com.slack.api..")
			.check(classes);
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}

}
