type Props = {
  cancelLabel: string;
  onCancel: () => void;
  submitLabel: string;
  /** Greys out the submit button while the form's write is under way. */
  busy?: boolean;
  /** 'danger' for an action that takes something away (strike, release). */
  tone?: 'primary' | 'danger';
  /** Extra layout class, e.g. `span-2` in a two-column form grid. */
  className?: string;
};

/** A dialog form's closing row: cancel, then the submit button (Enter in a field submits too). */
export function DialogActions({ cancelLabel, onCancel, submitLabel, busy = false, tone = 'primary', className }: Props) {
  return (
    <div className={className ? `dialog-actions ${className}` : 'dialog-actions'}>
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type="submit" className={`button ${tone}`} disabled={busy}>
        {submitLabel}
      </button>
    </div>
  );
}
