// Every HTTP and SSE endpoint of the demos, as node:http-style routes:
// each takes (req, res, url) and answers true when it handled the request.
import { createBoard } from './board.mjs';
import { createChat } from './chat.mjs';
import { createLikes } from './likes.mjs';

export function demoRoutes(options = {}) {
  return [
    createChat({ historyFile: options.chatHistoryFile }),
    createLikes(options.likes),
    createBoard(options.board),
  ];
}
