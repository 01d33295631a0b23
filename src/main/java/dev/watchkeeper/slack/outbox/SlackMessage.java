package dev.watchkeeper.slack.outbox;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A message to post or to replace a living message with: notification text (also the
 * fallback) and Block Kit blocks.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

	public SlackMessage {
		blocks = List.copyOf(blocks);
	}
}
