import { DOCUMENT } from '@angular/common';
import { HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { of } from 'rxjs';

/**
 * The API's answers for the first page, carried by the page itself (script#first-answers, put there by the
 * server: backend/src/common/first-answers.ts). A GET for exactly one of those addresses is answered from
 * it, once; anything else, and everything after the first page, goes to the API as usual.
 */
let answers: Map<string, unknown> | null = null;

function read(document: Document): Map<string, unknown> {
  const element = document.getElementById('first-answers');
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(element?.textContent || '{}') as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  element?.remove();
  return new Map(Object.entries(parsed));
}

export const firstAnswers: HttpInterceptorFn = (request, next) => {
  if (request.method !== 'GET') return next(request);
  answers ??= read(inject(DOCUMENT));
  const url = request.urlWithParams;
  if (!answers.has(url)) return next(request);
  const body = answers.get(url);
  answers.delete(url);
  return of(new HttpResponse({ status: 200, statusText: 'OK', url, body }));
};

/** The first page is over (the visitor went elsewhere): whatever it did not use is dropped. */
export function forgetFirstAnswers(): void {
  answers = new Map();
}
