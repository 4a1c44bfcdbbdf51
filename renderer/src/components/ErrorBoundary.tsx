import { Component, type ReactNode } from 'react';

/** A screen that fails shows what went wrong and how to go on, instead of a blank window. Stored data is untouched. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; resetKey: string }> {
  override state = { error: null as Error | null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { resetKey: string }) {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" data-testid="screen-error">
          <h1 tabIndex={-1}>This screen failed</h1>
          <p>{this.state.error.name}: {this.state.error.message}</p>
          <p>Your stored incidents and labels are not affected. Choose another step above, or reload the window.</p>
        </div>
      );
    }
    return this.props.children;
  }
}
