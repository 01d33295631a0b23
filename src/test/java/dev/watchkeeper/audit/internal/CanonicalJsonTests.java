package dev.watchkeeper.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTests {

	@Test
	void sortsKeysByCodeUnitsWithoutWhitespace() {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("subject", "s");
		members.put("actorName", "A");
		members.put("action", "x.y");
		members.put("actor", "U1");
		members.put("seq", 7L);

		assertThat(CanonicalJson.object(members))
			.isEqualTo("{\"action\":\"x.y\",\"actor\":\"U1\",\"actorName\":\"A\",\"seq\":7,\"subject\":\"s\"}");
	}

	@Test
	void escapesOnlyQuotesBackslashesAndControlCharacters() {
		String json = CanonicalJson.object(Map.of("k", "a\"b\\c\nd\u0001é€<>&'"));

		assertThat(json).isEqualTo("{\"k\":\"a\\\"b\\\\c\\nd\\u0001é€<>&'\"}");
	}

	@Test
	void nestsObjectsCanonically() {
		assertThat(CanonicalJson.object(Map.of("details", Map.of("b", "2", "a", "1"))))
			.isEqualTo("{\"details\":{\"a\":\"1\",\"b\":\"2\"}}");
	}

}
