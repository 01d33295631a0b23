package dev.watchkeeper.runbooks.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Free text turned into index terms, each remembering the word it came from, so that a
 * reason can quote the reader's own words ("text: 'connection pool'") rather than stems.
 * The text is only analyzed, never parsed as a query, so characters such as {@code + - &&
 * || ! ( ) { } [ ] ^ " ~ * ? : \ /} are just text.
 */
final class QueryTerms {

	/**
	 * Enough for an alert's name, summary and description; keeps the Boolean query far
	 * below Lucene's clause cap.
	 */
	static final int MAX_TERMS = 100;

	/**
	 * Longer input is cut: the first paragraphs of a description say what it is about.
	 */
	static final int MAX_CHARS = 20_000;

	private static final Pattern CAMEL_CASE = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[_-]");

	private QueryTerms() {
	}

	/**
	 * Analyzed term to the first original word that produced it, in order of appearance.
	 */
	static Map<String, String> of(String text, Analyzer analyzer) {
		String input = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
		Map<String, String> terms = new LinkedHashMap<>();
		try (TokenStream stream = analyzer.tokenStream("body", input)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken() && terms.size() < MAX_TERMS) {
				terms.putIfAbsent(term.toString(), input.substring(offset.startOffset(), offset.endOffset()));
			}
			stream.end();
		}
		catch (IOException ex) {
			// analyzing a String cannot fail on I/O
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	/** Which of the wanted terms occur in the text; stops reading once all are found. */
	static Set<String> all(String text, Analyzer analyzer, Set<String> wanted) {
		Set<String> found = new HashSet<>();
		try (TokenStream stream = analyzer.tokenStream("body", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (found.size() < wanted.size() && stream.incrementToken()) {
				String t = term.toString();
				if (wanted.contains(t)) {
					found.add(t);
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

	/**
	 * {@code KubePodCrashLooping} also as {@code Kube Pod Crash Looping}, so it meets
	 * prose about crash loops.
	 */
	static String withCamelCaseSplit(String name) {
		String split = String.join(" ", CAMEL_CASE.split(name));
		return split.equals(name) ? name : name + " " + split;
	}

}
