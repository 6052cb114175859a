// The Snapshots view: what is in the workspace, running imports and pulls, and the ways in —
// files (picker or drop anywhere here), S3, PostgreSQL, and the sender context's DNS pull.

import { useState, type DragEvent } from 'react';
import { api } from '../api';
import { useWorkspaceData } from '../app/workspace-data';
import { EmptyState, ErrorBanner, LoadingBar } from '../common/states';
import { ContextPull } from './context-pull';
import { ImportPanel, pendingFrom, type PendingFile } from './import-panel';
import { JobList, useJobs } from './job-list';
import { PgPull } from './pg-pull';
import { S3Pull } from './s3-pull';
import { SnapshotList } from './snapshot-list';
import './snapshots.css';

export function SnapshotsView() {
  const { snapshots, error, appInfo } = useWorkspaceData();
  const jobs = useJobs();
  const [pending, setPending] = useState<PendingFile[]>([]);
  const [dragging, setDragging] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) setPending((list) => [...list, ...pendingFrom(e.dataTransfer.files)]);
  };

  return (
    <div
      className={`page snapshots-page${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <LoadingBar active={!snapshots && !error} />
      <div className="row">
        <h1>Snapshots</h1>
        {appInfo && (
          <span className="muted small-text" title="The workspace folder">
            in {appInfo.dataDir}
          </span>
        )}
      </div>
      {error && <ErrorBanner error={error} hint="The workspace could not be read; check its folder in Settings." />}
      {snapshots && snapshots.length === 0 && (
        <EmptyState
          title="The workspace is empty"
          action={
            <button type="button" className="primary" onClick={() => void api.loadDemo({})}>
              Load the demo data
            </button>
          }
        >
          Import a sender-model build, a reputation build and a feedback file below, pull them from S3 and PostgreSQL, or load the demo to look around.
        </EmptyState>
      )}
      <div className="snapshots-layout">
        <div className="snapshots-main">
          {snapshots && snapshots.length > 0 && <SnapshotList snapshots={snapshots} />}
          <JobList jobs={jobs} />
        </div>
        <div className="ways-in">
          <ImportPanel pending={pending} setPending={setPending} />
          <S3Pull />
          <PgPull />
          <ContextPull />
        </div>
      </div>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files to import them
        </div>
      )}
    </div>
  );
}
