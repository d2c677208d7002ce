/** Reports what a long step is doing: the CLI writes it to stderr so that stdout stays the review. */
export type Progress = (message: string) => void;
