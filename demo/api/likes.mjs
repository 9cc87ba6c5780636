// The likes page: GET /api/posts lists posts; POST /api/posts/:id/like
// likes one, after a short delay so the optimistic state is visible. POST
// /api/likes/fail with a JSON boolean makes every like fail with a 500 (GET
// tells whether they do),
// to watch rollbacks; POST /api/likes/reset puts everything back.
import { readJson, sendJson } from './http.mjs';

const POSTS = [
  { id: 'p1', title: 'Signals all the way down', liked: false, likeCount: 3 },
  { id: 'p2', title: 'Optimistic UI without regrets', liked: false, likeCount: 7 },
  { id: 'p3', title: 'Reconnecting is a feature', liked: false, likeCount: 1 },
];

export function createLikes({ delay = 600 } = {}) {
  let posts = structuredClone(POSTS);
  let failing = false;

  return async function likes(req, res, url) {
    if (url.pathname === '/api/posts' && req.method === 'GET') {
      sendJson(res, 200, posts);
      return true;
    }
    if (url.pathname === '/api/likes/reset' && req.method === 'POST') {
      posts = structuredClone(POSTS);
      failing = false;
      sendJson(res, 200, posts);
      return true;
    }
    if (url.pathname === '/api/likes/fail' && req.method === 'GET') {
      sendJson(res, 200, { failing });
      return true;
    }
    if (url.pathname === '/api/likes/fail' && req.method === 'POST') {
      failing = Boolean(await readJson(req).catch(() => false));
      sendJson(res, 200, { failing });
      return true;
    }
    const match = /^\/api\/posts\/([^/]+)\/like$/.exec(url.pathname);
    if (match && req.method === 'POST') {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const post = posts.find((p) => p.id === match[1]);
      if (failing || !post) {
        sendJson(res, failing ? 500 : 404, {
          error: failing ? 'likes are failing' : 'no such post',
        });
        return true;
      }
      if (!post.liked) {
        post.liked = true;
        post.likeCount += 1;
      }
      sendJson(res, 200, post);
      return true;
    }
    return false;
  };
}
