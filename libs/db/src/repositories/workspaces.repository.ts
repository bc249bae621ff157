import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { WorkspaceEntity } from '../entities/workspace.entity';

@Injectable()
export class WorkspacesRepository {
  constructor(@InjectRepository(WorkspaceEntity) private readonly repo: Repository<WorkspaceEntity>) {}

  create(name: string): Promise<WorkspaceEntity> {
    return this.repo.save(this.repo.create({ name }));
  }

  findById(id: string): Promise<WorkspaceEntity | null> {
    return this.repo.findOneBy({ id });
  }
}
