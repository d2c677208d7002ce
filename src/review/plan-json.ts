/** The parts of `terraform show -json <planfile>` that a review reads. */
export interface PlanJson {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly errored?: boolean;
  readonly resource_changes?: readonly PlanResourceChange[];
  readonly output_changes?: Readonly<Record<string, PlanValueChange>>;
  readonly planned_values?: {
    readonly outputs?: Readonly<Record<string, { readonly sensitive?: boolean }>>;
  };
  readonly configuration?: {
    readonly root_module?: {
      readonly outputs?: Readonly<Record<string, { readonly sensitive?: boolean }>>;
    };
  };
}

/** A planned change of one value: a resource's attributes or an output. */
export interface PlanValueChange {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
  readonly importing?: unknown;
}

/** One entry of `resource_changes`. */
export interface PlanResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly deposed?: string;
  readonly action_reason?: string;
  readonly change: PlanValueChange;
}
