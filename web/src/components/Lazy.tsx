/**
 * A screen loaded on first use (its own chunk): the dashboard, the screen most people open
 * first, does not wait for the code of the assessment, planning and administration screens.
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './Notice.tsx';

export function lazy<P>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> & { preload(): void } {
  let loaded: FunctionComponent<P> | undefined;
  let pending: Promise<FunctionComponent<P>> | undefined;
  const screen = (props: P) => {
    const [, setReady] = useState(!!loaded);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      pending ??= load().then((c) => (loaded = c));
      pending.then(() => live && setReady(true));
      return () => {
        live = false;
      };
    }, []);
    const Screen = loaded;
    return Screen ? <Screen {...(props as P & object)} /> : <Loading />;
  };
  /** Starts loading the screen's code before it is shown (at start-up, for the screen the address names). */
  const preload = () => {
    pending ??= load().then((c) => (loaded = c));
  };
  return Object.assign(screen, { preload });
}
