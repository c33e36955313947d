/** A link to a section of the page (`to`, an element's id). The hash belongs to the router: the link keeps the page's own address (`page`) and moves the scroll and focus there itself. */
import type { ComponentChildren } from 'preact';
import { jump } from '../router.ts';

export function JumpLink({ to, page, class: className, children }: { to: string; page: string; class?: string; children: ComponentChildren }) {
  return (
    <a href={page} class={className} onClick={jump(to)}>
      {children}
    </a>
  );
}
