import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AttachmentsRepository, type AttachmentEntity, type LinkedinAccountEntity } from '@threadline/db';
import { DomainError } from '@threadline/domain';
import type { AttachmentRef } from '@threadline/contracts';
import { AccountActionsService } from '../account-actions/account-actions.service';
import { AccountsService } from '../accounts/accounts.service';
import type { AuthContext } from '../auth/auth-context';
import type { CoreConfig } from '../config/config';
import { CORE_CONFIG } from '../tokens';
import { attachmentKindOf, checkUpload, isLinkedInMediaUrl, uploadFilename } from './attachment-rules';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Files of a workspace: uploaded through the API, sent on LinkedIn, or fetched from LinkedIn with an account's session. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly accounts: AccountsService,
    private readonly actions: AccountActionsService,
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
  ) {}

  /** Stores an upload; it goes to LinkedIn when a send first references it (once per sending account). */
  async upload(auth: AuthContext, file: UploadedFile | undefined): Promise<AttachmentEntity> {
    if (!file) throw new DomainError('VALIDATION_FAILED', 'file: send the file as multipart/form-data field "file".', { field: 'file' });
    const mediaType = file.mimetype.split(';')[0]!.trim().toLowerCase();
    checkUpload(mediaType, file.buffer);
    return this.attachments.create({
      workspaceId: auth.workspaceId,
      accountId: null,
      source: 'upload',
      sourceUrl: null,
      filename: uploadFilename(file.originalname),
      mediaType,
      byteSize: file.size,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      content: file.buffer,
    });
  }

  async get(auth: AuthContext, id: string): Promise<AttachmentEntity> {
    const attachment = isUUID(id) ? await this.attachments.findInWorkspace(auth.workspaceId, id) : null;
    if (!attachment) throw new DomainError('NOT_FOUND', `No attachment ${id} in this workspace.`, { field: 'id' });
    return attachment;
  }

  list(auth: AuthContext): Promise<AttachmentEntity[]> {
    return this.attachments.listForWorkspace(auth.workspaceId, 100);
  }

  /** The file and its bytes, served from Postgres (no LinkedIn call). */
  async content(auth: AuthContext, id: string): Promise<{ attachment: AttachmentEntity; bytes: Buffer }> {
    const attachment = await this.get(auth, id);
    const bytes = await this.attachments.content(auth.workspaceId, id);
    if (!bytes) throw new DomainError('NOT_FOUND', `No attachment ${id} in this workspace.`, { field: 'id' });
    return { attachment, bytes };
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    if (!isUUID(id) || !(await this.attachments.delete(auth.workspaceId, id))) throw new DomainError('NOT_FOUND', `No attachment ${id} in this workspace.`, { field: 'id' });
  }

  /** Media proxy: fetches a LinkedIn media URL with the account's session (a Temporal activity) and serves it. */
  async fetchMedia(auth: AuthContext, accountId: string | undefined, url: string): Promise<{ attachment: AttachmentEntity; bytes: Buffer }> {
    const account = await this.accounts.resolve(auth, accountId);
    if (!isLinkedInMediaUrl(url, account.baseUrl ?? this.config.LINKEDIN_BASE_URL)) {
      throw new DomainError('VALIDATION_FAILED', 'url: only LinkedIn media URLs (www.linkedin.com/dms/…, media.licdn.com) can be fetched.', { field: 'url' });
    }
    const outcome = await this.actions.runFor(account, { type: 'fetch_media', url });
    if (!outcome.result?.attachmentId) throw new DomainError('LINKEDIN_UNAVAILABLE', 'The download is taking longer than expected; retry shortly.', { retryAfterMs: 5_000 });
    return this.content(auth, outcome.result.attachmentId);
  }

  /** The LinkedIn assets of files referenced by a send, uploading each for this account when it was not yet. */
  async refsForSend(auth: AuthContext, account: LinkedinAccountEntity, ids: string[]): Promise<AttachmentRef[]> {
    const unique = [...new Set(ids)];
    const bad = unique.find((id) => !isUUID(id));
    if (bad) throw new DomainError('VALIDATION_FAILED', `attachments: ${bad} is not an attachment id (upload files with POST /v1/attachments).`, { field: 'attachments' });
    const found = await this.attachments.findManyInWorkspace(auth.workspaceId, unique);
    const missing = unique.find((id) => !found.some((a) => a.id === id));
    if (missing) throw new DomainError('NOT_FOUND', `attachments: no attachment ${missing} in this workspace.`, { field: 'attachments' });
    const refs: AttachmentRef[] = [];
    for (const id of unique) {
      const attachment = found.find((a) => a.id === id)!;
      let assetUrn = attachment.linkedinAssets[account.id];
      if (!assetUrn) {
        const outcome = await this.actions.runFor(account, { type: 'upload_attachment', attachmentId: id }, `upload:${id}:${account.id}`);
        assetUrn = outcome.result?.assetUrn ?? '';
        if (!assetUrn) throw new DomainError('LINKEDIN_UNAVAILABLE', 'The attachment upload to LinkedIn is taking longer than expected; retry the send.', { retryAfterMs: 5_000 });
      }
      refs.push({ assetUrn, name: attachment.filename, mediaType: attachment.mediaType, byteSize: attachment.byteSize, kind: attachmentKindOf(attachment.mediaType) });
    }
    return refs;
  }
}
