import type { Brand } from '@earshot/contracts';
import { SelectField } from '../../../shared/ui/SelectField';

interface BrandPickerProps {
  brands: readonly Brand[];
  brand: Brand;
  onChange(brandId: string): void;
  disabled?: boolean;
}

/** Which own brand a settings page shows; just its name when there is one. */
export function BrandPicker({ brands, brand, onChange, disabled = false }: BrandPickerProps) {
  if (brands.length < 2) {
    return (
      <p className="brand-picker">
        Brand: <strong>{brand.name}</strong>
      </p>
    );
  }
  return (
    <SelectField
      className="brand-picker"
      label="Brand"
      value={brand.id}
      disabled={disabled}
      options={brands.map((b) => ({ value: b.id, label: b.name }))}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
