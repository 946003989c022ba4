import { Controller, Delete, HttpCode, Req } from '@nestjs/common';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { requestMeta } from '../../common/request-meta.util.js';
import type { DemoDataCounts } from './demo-data.repository.js';
import { DemoDataService } from './demo-data.service.js';

/** The first-start demo's data in the caller's workspace. */
@Controller('workspace/demo-data')
export class DemoDataController {
  constructor(private readonly demo: DemoDataService) {}

  @Delete()
  @HttpCode(200)
  @RequireRole('admin')
  @ApiDoc({
    tag: 'workspace',
    summary:
      "Delete the demo data: the mentions of the demo's sources with their replies, corrections and notes, and authors no mention references any more (audited; the sources stay)",
  })
  clear(@Auth() auth: AuthContext, @Req() req: AuthedRequest): Promise<DemoDataCounts> {
    return this.demo.clear(auth, requestMeta(req));
  }
}
