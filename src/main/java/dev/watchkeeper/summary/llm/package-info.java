/**
 * Optional AI summaries: a plain-language reading of an incident from an
 * OpenAI-compatible chat-completions API, built only from redacted data, shown beside the
 * deterministic summary, never able to act.
 */
@NullMarked
@NamedInterface("llm")
package dev.watchkeeper.summary.llm;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
