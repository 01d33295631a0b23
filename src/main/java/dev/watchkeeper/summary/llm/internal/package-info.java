/** The provider adapter: the only place that imports the OpenAI SDK. */
@NullMarked
package dev.watchkeeper.summary.llm.internal;

import org.jspecify.annotations.NullMarked;
