package dev.watchkeeper.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchkeeper.core.InvalidConfiguration;
import dev.watchkeeper.diagnostics.DiagnosticsProperties.Storage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class DiagnosticsPropertiesTests {

	@Test
	void defaultsAreADayOneView256MiBOnTheFilesystem() {
		DiagnosticsProperties properties = bind(new MapConfigurationPropertySource());

		assertThat(properties.defaultTtl()).isEqualTo(Duration.ofHours(24));
		assertThat(properties.defaultViews()).isEqualTo(1);
		assertThat(properties.maxSize()).isEqualTo(DataSize.ofMegabytes(256));
		assertThat(properties.storage()).isEqualTo(Storage.FILESYSTEM);
		assertThat(properties.storageDir()).isEqualTo(Path.of("data/diagnostics"));
	}

	@Test
	void environmentStyleSettingsBind() {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		source.put("watchkeeper.diagnostics.default-ttl", "4h");
		source.put("watchkeeper.diagnostics.storage", "database");
		source.put("watchkeeper.diagnostics.max-size", "1GB");

		DiagnosticsProperties properties = bind(source);

		assertThat(properties.defaultTtl()).isEqualTo(Duration.ofHours(4));
		assertThat(properties.storage()).isEqualTo(Storage.DATABASE);
		assertThat(properties.maxSize()).isEqualTo(DataSize.ofGigabytes(1));
	}

	@Test
	void defaultsOutsideTheProductLimitsFailAtStartWithOneLine() {
		assertThatThrownBy(() -> settings(Duration.ofMinutes(1), 1)).isInstanceOf(InvalidConfiguration.class)
			.hasMessage("watchkeeper.diagnostics.default-ttl must be between 5m and 7d");
		assertThatThrownBy(() -> settings(Duration.ofDays(8), 1)).isInstanceOf(InvalidConfiguration.class);
		assertThatThrownBy(() -> settings(Duration.ofHours(1), 11))
			.hasMessage("watchkeeper.diagnostics.default-views must be between 1 and 10");
	}

	private static DiagnosticsProperties settings(Duration ttl, int views) {
		return new DiagnosticsProperties(ttl, views, DataSize.ofMegabytes(256), DataSize.ofGigabytes(20),
				Storage.FILESYSTEM, Path.of("x"), Duration.ofMinutes(10), 5, "slack", 60, 120);
	}

	private static DiagnosticsProperties bind(MapConfigurationPropertySource source) {
		return new Binder(source).bindOrCreate("watchkeeper.diagnostics", DiagnosticsProperties.class);
	}

}
