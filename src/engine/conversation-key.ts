/** One key per conversation: the channel name (which never contains ':') and the platform chat id. */
export function conversationKey(channel: string, chatId: string): string {
  return `${channel}:${chatId}`;
}

export function splitConversationKey(key: string): { channel: string; chatId: string } {
  const at = key.indexOf(':');
  return { channel: key.slice(0, at), chatId: key.slice(at + 1) };
}
