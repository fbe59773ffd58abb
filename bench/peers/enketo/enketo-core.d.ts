// enketo-core ships JavaScript without types; the benchmark uses only this much of it.
declare module 'enketo-core' {
  export class Form {
    constructor(element: Element, data: { modelStr: string; instanceStr?: string }, options: Record<string, unknown>);
    init(): string[];
  }
}
