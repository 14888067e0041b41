import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Charts, HistoryEntry, Schemas, Timeline } from '../../core/api/api';
import { Loadable } from '../../core/api/loadable';
import { LabStore } from './lab.store';

/** Timeline events per page (the API's default). */
const TIMELINE_PAGE = 200;
export const HISTORY_PAGE = 25;

export type StoryHighlights = Schemas['StoryHighlightsDto'];

interface Story {
  timeline: Timeline | null;
  charts: Charts | null;
  highlights: StoryHighlights | null;
}

/** The open lab told over time: its timeline and charts (the story page), and the record of every change (history). */
@Injectable({ providedIn: 'root' })
export class StoryStore {
  private readonly http = inject(HttpClient);
  private readonly lab = inject(LabStore);
  private readonly story = new Loadable<Story>({ timeline: null, charts: null, highlights: null });
  private readonly changes = new Loadable<{ items: HistoryEntry[]; total: number }>({ items: [], total: 0 });
  readonly timeline = computed(() => this.story.value().timeline);
  readonly charts = computed(() => this.story.value().charts);
  /** The newest stories, and those chosen as the most significant change: "numbers are signals beside stories". */
  readonly highlights = computed(() => this.story.value().highlights);
  readonly loading = this.story.loading;
  readonly error = this.story.error;
  /** A page of the history: who changed what, when. */
  readonly history = this.changes.value;

  constructor() {
    this.lab.onSwitch(() => {
      this.story.reset();
      this.changes.reset();
    });
  }

  load(): Promise<boolean> {
    const base = this.lab.base;
    return this.story.load(async () => {
      const [timeline, charts, highlights] = await Promise.all([
        this.fetchTimeline(base, TIMELINE_PAGE),
        firstValueFrom(this.http.get<Charts>(`${base}/charts`)),
        firstValueFrom(this.http.get<StoryHighlights>(`${base}/story-highlights`)),
      ]);
      return { timeline, charts, highlights };
    });
  }

  /** The timeline starts with its most recent events; earlier ones come a page at a time. */
  async loadEarlierEvents(): Promise<void> {
    const shown = this.timeline()?.events.length ?? 0;
    const timeline = await this.fetchTimeline(this.lab.base, shown + TIMELINE_PAGE);
    this.story.update((s) => ({ ...s, timeline }));
  }

  loadHistory(offset: number): Promise<boolean> {
    const base = this.lab.base;
    return this.changes.load(() =>
      firstValueFrom(
        this.http.get<Schemas['HistoryListDto']>(`${base}/history`, { params: { limit: HISTORY_PAGE, offset } }),
      ),
    );
  }

  private fetchTimeline(base: string, limit: number): Promise<Timeline> {
    return firstValueFrom(this.http.get<Timeline>(`${base}/timeline`, { params: { limit: Math.min(limit, 5000) } }));
  }
}
