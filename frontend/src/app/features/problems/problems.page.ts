import { afterRenderEffect, ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { pageTitle } from '../../core/i18n/page-title';
import { PROBLEM_CODES, RECORD_NOT_FOUND, rowFor } from '../../core/api/problem-codes';

const EXAMPLE = `{
  "type": "/docs/problems#validation_failed",
  "title": "Invalid request",
  "status": 400,
  "detail": "The request has fields that are missing or not valid.",
  "instance": "/api/labs",
  "code": "validation_failed",
  "errors": [{ "field": "question", "message": "is required" }]
}`;

/**
 * What the API's problem documents mean: the page every problem's `type` (`/docs/problems#<code>`) opens, at the
 * row of its code, which is marked.
 */
@Component({
  selector: 'app-problems-page',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    pre {
      overflow-x: auto;
      padding: 1rem;
      background: #f3f6f8;
      border-radius: 4px;
    }
    tr.is-target {
      background: #fff4d6;
      outline: 2px solid #8a5a00;
      outline-offset: -2px;
    }
    /* Narrow screens: codes break after an underscore only; a long word in the meaning anywhere. */
    td:last-child {
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <h1 class="utrecht-heading-1">{{ 'problems.title' | transloco }}</h1>
    <p class="lab-lead">{{ 'problems.lead' | transloco }}</p>
    <h2 class="utrecht-heading-2">{{ 'problems.shapeTitle' | transloco }}</h2>
    <p>{{ 'problems.shape' | transloco }}</p>
    <pre tabindex="0" [attr.aria-label]="'problems.exampleLabel' | transloco"><code>{{ example }}</code></pre>
    <h2 class="utrecht-heading-2" id="codes">{{ 'problems.codesTitle' | transloco }}</h2>
    <table class="utrecht-table lab-table--stack">
      <caption class="utrecht-table__caption">
        {{
          'problems.caption' | transloco
        }}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">{{ 'problems.code' | transloco }}</th>
          <th class="utrecht-table__header-cell" scope="col">{{ 'problems.status' | transloco }}</th>
          <th class="utrecht-table__header-cell" scope="col">{{ 'problems.meaning' | transloco }}</th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        @for (p of codes; track p.code) {
          <tr
            class="utrecht-table__row"
            [id]="p.code"
            [class.is-target]="p.code === target()"
            [attr.aria-current]="p.code === target() ? 'location' : null"
          >
            <th class="utrecht-table__header-cell" scope="row" [attr.data-label]="'problems.code' | transloco">
              <code>
                @for (part of p.parts; track $index) {
                  {{ part }}
                  @if (!$last) {
                    _<wbr />
                  }
                }
              </code>
            </th>
            <td class="utrecht-table__cell" [attr.data-label]="'problems.status' | transloco">
              {{ p.statuses.join(', ') }}
            </td>
            <td class="utrecht-table__cell" [attr.data-label]="'problems.meaning' | transloco">
              {{ 'problem.' + p.code | transloco }}
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class ProblemsPage {
  // Shown with a possible line break after each underscore, for narrow screens.
  protected readonly codes = PROBLEM_CODES.map((p) => ({
    ...p,
    parts: (p.code === RECORD_NOT_FOUND ? '<record>_not_found' : p.code).split('_'),
  }));
  protected readonly example = EXAMPLE;
  private readonly fragment = toSignal(inject(ActivatedRoute).fragment);
  /** The row the address points at (`#stale_version`, or `#lab_not_found` for the shared row). */
  protected readonly target = computed(() => rowFor(this.fragment()));

  constructor() {
    pageTitle(() => ({ key: 'problems.title' }));
    // The router scrolls to a code's own row (anchor scrolling); a record's "not found" code has no row of its own.
    afterRenderEffect(() => {
      const id = this.target();
      if (id && id !== this.fragment()) document.getElementById(id)?.scrollIntoView({ block: 'center' });
    });
  }
}
