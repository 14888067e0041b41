import {
  ChangeDetectionStrategy,
  Component,
  computed,
  contentChildren,
  Directive,
  inject,
  input,
  TemplateRef,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';

/** One column of a <app-data-table>: its header (a translation key) and how its cells are drawn. */
export interface TableColumn {
  /** Names the column's cell template (`<ng-template appCell="key">`). */
  key: string;
  label: string;
  /** The cell that names the row (a row header, th scope="row"). */
  rowHeader?: boolean;
  /** Where the rows become blocks on a narrow screen, the cell shows its column's name in front of it. */
  stackLabel?: boolean;
  /** Further classes of the cells, such as lab-break for e-mail addresses. */
  cellClass?: string;
}

/** The template of one column's cells; its context is the row: `<ng-template appCell="name" let-row>`. */
@Directive({ selector: 'ng-template[appCell]' })
export class TableCellDirective {
  readonly appCell = input.required<string>();
  readonly template = inject<TemplateRef<{ $implicit: unknown }>>(TemplateRef);
}

/**
 * A table as NL Design System (Utrecht) draws it, with a caption for screen readers, column headers and one row
 * header per row; the cells come from the page's templates. On a narrow screen a `stack` table turns its rows into
 * blocks, each cell named by its column; any other table scrolls inside its own box, so the page never scrolls
 * sideways at 320 px.
 *
 *   <app-data-table caption="members.caption" [columns]="columns()" [rows]="rows()" [stack]="true">
 *     <ng-template appCell="name" let-m>{{ m.displayName }}</ng-template> …
 *   </app-data-table>
 */
@Component({
  selector: 'app-data-table',
  imports: [NgTemplateOutlet, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="lab-table-box">
      <table class="utrecht-table" [class.lab-table--stack]="stack()">
        <caption class="visually-hidden">
          {{
            caption() | transloco
          }}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            @for (c of columns(); track c.key) {
              <th class="utrecht-table__header-cell" scope="col">{{ c.label | transloco }}</th>
            }
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          @for (row of rows(); track row.id) {
            <tr class="utrecht-table__row">
              @for (c of columns(); track c.key) {
                @if (c.rowHeader) {
                  <th class="utrecht-table__cell" [class]="c.cellClass ?? ''" scope="row">
                    <ng-container *ngTemplateOutlet="templates()[c.key]; context: { $implicit: row }" />
                  </th>
                } @else {
                  <td
                    class="utrecht-table__cell"
                    [class]="c.cellClass ?? ''"
                    [attr.data-label]="c.stackLabel ? (c.label | transloco) : null"
                  >
                    <ng-container *ngTemplateOutlet="templates()[c.key]; context: { $implicit: row }" />
                  </td>
                }
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class DataTableComponent {
  /** Translation key of the caption (read by screen readers, hidden on screen). */
  readonly caption = input.required<string>();
  readonly columns = input.required<readonly TableColumn[]>();
  readonly rows = input.required<readonly { id: number }[]>();
  readonly stack = input(false);
  private readonly cells = contentChildren(TableCellDirective);
  protected readonly templates = computed(
    () =>
      Object.fromEntries(this.cells().map((c) => [c.appCell(), c.template])) as Partial<
        Record<string, TemplateRef<unknown>>
      >,
  );
}
