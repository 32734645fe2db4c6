/**
 * One requestAnimationFrame for the whole page. Every meter, lamp and chart
 * used to ask for its own, and the browser's cost of dispatching a frame
 * callback (with a microtask checkpoint after each) came to more main-thread
 * time than their drawing: eight callbacks a frame on the Main view. Here they
 * share one callback, called in the order they joined.
 *
 *   const leave = joinFrameLoop((now) => draw(now));
 *   …
 *   leave();
 *
 * A callback that throws does not stop the others: its error is rethrown
 * from a microtask, so it is still reported as an uncaught error.
 */
export type FrameCallback = (now: DOMHighResTimeStamp) => void;

const members = new Set<FrameCallback>();
let pending = 0;

function frame(now: DOMHighResTimeStamp): void {
  pending = 0;
  // a Set's iteration skips members removed meanwhile and visits ones added meanwhile
  for (const cb of members) {
    try {
      cb(now);
    } catch (e) {
      queueMicrotask(() => {
        throw e;
      });
    }
  }
  if (members.size && !pending) pending = requestAnimationFrame(frame);
}

/** Call `cb` once per display frame until the returned function is called. */
export function joinFrameLoop(cb: FrameCallback): () => void {
  members.add(cb);
  if (!pending) pending = requestAnimationFrame(frame);
  return () => {
    members.delete(cb);
    if (!members.size && pending) {
      cancelAnimationFrame(pending);
      pending = 0;
    }
  };
}
