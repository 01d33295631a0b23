package dev.watchkeeper.diagnostics.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the recipient needs to present the content: text or file, a file name and media
 * type, and the content size. Encrypted with the content (it is the first bytes of the
 * plaintext: a 4-byte big-endian length, then this JSON), so the server never sees a file
 * name.
 *
 * @param kind {@code text} (pasted text) or {@code file}
 * @param name file name to save as; empty for text
 * @param type media type, e.g. {@code text/plain; charset=utf-8}
 * @param size content bytes after the metadata, or -1 when the sender did not know (a
 * pipe)
 */
public record ShareMetadata(String kind, String name, String type, long size) {

	/**
	 * Upper bound of the JSON, so a reader never buffers more than this before the
	 * content.
	 */
	public static final int MAX_BYTES = 4096;

	private static final ObjectMapper json = JsonMapper.builder().build();

	public ShareMetadata {
		if (!kind.equals("text") && !kind.equals("file")) {
			throw new IllegalArgumentException("kind must be text or file");
		}
		if (size < -1) {
			throw new IllegalArgumentException("size must be -1 (unknown) or more");
		}
		name = name.length() > 255 ? name.substring(0, 255) : name;
	}

	public static ShareMetadata text(long size) {
		return new ShareMetadata("text", "", "text/plain; charset=utf-8", size);
	}

	public static ShareMetadata file(String name, long size) {
		return new ShareMetadata("file", name, "application/octet-stream", size);
	}

	/** The length-prefixed JSON that starts the plaintext. */
	public byte[] frame() {
		ObjectNode node = json.createObjectNode();
		node.put("v", 1);
		node.put("kind", kind);
		node.put("name", name);
		node.put("type", type);
		node.put("size", size);
		byte[] body = json.writeValueAsBytes(node);
		return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
	}

	/** Parses the JSON part (after the 4-byte length). */
	public static ShareMetadata parse(byte[] body) throws CiphertextRejected {
		try {
			JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
			if (node == null || node.path("v").asInt() != 1) {
				throw new CiphertextRejected("unsupported content metadata");
			}
			return new ShareMetadata(node.path("kind").asString(), node.path("name").asString(""),
					node.path("type").asString("application/octet-stream"), node.path("size").asLong());
		}
		catch (RuntimeException ex) {
			throw new CiphertextRejected("unreadable content metadata");
		}
	}
}
