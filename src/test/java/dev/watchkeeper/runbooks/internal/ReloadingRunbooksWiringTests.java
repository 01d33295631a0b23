package dev.watchkeeper.runbooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.watchkeeper.runbooks.ActionTypes;
import dev.watchkeeper.runbooks.Runbooks;
import dev.watchkeeper.runbooks.RunbooksProperties;
import dev.watchkeeper.runbooks.RunbooksReloaded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

class ReloadingRunbooksWiringTests {

	@TempDir
	Path dir;

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
		.withUserConfiguration(RunbooksOnly.class);

	@Test
	void bindsSettingsAndPublishesTheFirstLoadWhenStarted() throws IOException {
		Files.writeString(dir.resolve("a.md"), RunbookText.of("a", "AlertA"));

		context.withPropertyValues("watchkeeper.runbooks.dir=" + dir, "watchkeeper.runbooks.reload-interval=2s")
			.run(ctx -> {
				assertThat(ctx).hasSingleBean(Runbooks.class);
				assertThat(ctx.getBean(RunbooksProperties.class).reloadInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(ctx.getBean(ReloadingRunbooks.class).catalog().runbooks()).hasSize(1);
				assertThat(ctx.getBean(Events.class).received).singleElement()
					.satisfies(e -> assertThat(e.loaded()).isEqualTo(1));
			});
	}

	@Test
	void defaultsToTheRunbooksDirectory() {
		context.run(ctx -> assertThat(ctx.getBean(RunbooksProperties.class).dir()).isEqualTo(Path.of("runbooks")));
	}

	@Test
	void anActionTypesBeanReplacesTheDefaults() throws IOException {
		Files.writeString(dir.resolve("a.md"), RunbookText.of("a", "AlertA") + """
				2. Echo.
				   ```action
				   type: noop.echo
				   ```
				""");

		context.withPropertyValues("watchkeeper.runbooks.dir=" + dir)
			.withBean(ActionTypes.class, () -> ActionTypes.of(List.of("vault.revoke-lease")))
			.run(ctx -> assertThat(ctx.getBean(ReloadingRunbooks.class).catalog().problems()).singleElement()
				.satisfies(p -> assertThat(p.message()).contains("unknown action type 'noop.echo'")));
	}

	@Test
	void invalidIntervalStopsStartWithAClearMessage() {
		context.withPropertyValues("watchkeeper.runbooks.reload-interval=0s")
			.run(ctx -> assertThat(ctx).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("watchkeeper.runbooks.reload-interval must be positive, e.g. 5s"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RunbooksProperties.class)
	@Import(ReloadingRunbooks.class)
	static class RunbooksOnly {

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events {

		final List<RunbooksReloaded> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(RunbooksReloaded event) {
			received.add(event);
		}

	}

}
