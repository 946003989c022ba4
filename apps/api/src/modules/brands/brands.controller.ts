import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  BrandListSchema,
  BrandSchema,
  CreateBrandRequestSchema,
  IdParamsSchema,
  UpdateBrandRequestSchema,
  type Brand,
  type BrandList,
  type IdParams,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { BrandsService } from './brands.service.js';

@Controller('brands')
export class BrandsController {
  constructor(private readonly brands: BrandsService) {}

  @Get()
  @ApiDoc({ tag: 'listening', summary: 'Your own brands and the competitors you track', response: BrandListSchema })
  async list(@Auth() auth: AuthContext): Promise<BrandList> {
    return { items: await this.brands.list(auth) };
  }

  @Post()
  @HttpCode(201)
  @RequireRole('manager')
  @ApiDoc({ tag: 'listening', summary: 'Add a brand or competitor', body: CreateBrandRequestSchema, response: BrandSchema, status: 201 })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreateBrandRequestSchema)) body: z.output<typeof CreateBrandRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Brand> {
    return this.brands.create(auth, body, requestMeta(req));
  }

  @Patch(':id')
  @RequireRole('manager')
  @ApiDoc({ tag: 'listening', summary: 'Rename a brand, change its kind or handles', body: UpdateBrandRequestSchema, response: BrandSchema })
  update(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(UpdateBrandRequestSchema)) body: z.output<typeof UpdateBrandRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Brand> {
    return this.brands.update(auth, p.id, body, requestMeta(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('manager')
  @ApiDoc({ tag: 'listening', summary: 'Delete a brand and its listening queries (stored mentions stay)', status: 204 })
  remove(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    return this.brands.remove(auth, p.id, requestMeta(req));
  }
}
