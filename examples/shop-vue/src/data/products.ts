// The shop's catalog. There is no backend: products live in this module.
// Prices are stored in cents to keep arithmetic exact.

export type Category = 'Kitchen' | 'Home' | 'Stationery';

export interface Product {
  id: string;
  name: string;
  price: number;
  category: Category;
  description: string;
}

export const categories: Category[] = ['Kitchen', 'Home', 'Stationery'];

export const products: Product[] = [
  {
    id: 'blue-mug',
    name: 'Blue Mug',
    price: 1200,
    category: 'Kitchen',
    description: 'A hand-glazed stoneware mug that holds 350 ml of coffee or tea. Dishwasher safe.',
  },
  {
    id: 'ceramic-teapot',
    name: 'Ceramic Teapot',
    price: 3400,
    category: 'Kitchen',
    description: 'A one-litre teapot with a removable stainless steel infuser and a drip-free spout.',
  },
  {
    id: 'linen-tea-towel',
    name: 'Linen Tea Towel',
    price: 950,
    category: 'Kitchen',
    description: 'Stonewashed linen that dries glasses without lint and gets softer with every wash.',
  },
  {
    id: 'desk-lamp',
    name: 'Desk Lamp',
    price: 4500,
    category: 'Home',
    description: 'An adjustable steel lamp with a warm 2700 K LED bulb included.',
  },
  {
    id: 'wool-throw-blanket',
    name: 'Wool Throw Blanket',
    price: 7900,
    category: 'Home',
    description: 'A 130 × 170 cm throw woven from undyed merino wool.',
  },
  {
    id: 'scented-candle',
    name: 'Scented Candle',
    price: 1800,
    category: 'Home',
    description: 'Soy wax candle with notes of cedar and orange peel. Burns for about 40 hours.',
  },
  {
    id: 'notebook-set',
    name: 'Notebook Set',
    price: 1500,
    category: 'Stationery',
    description: 'Three A5 notebooks with dotted pages and lay-flat binding.',
  },
  {
    id: 'fountain-pen',
    name: 'Fountain Pen',
    price: 2800,
    category: 'Stationery',
    description: 'A brass fountain pen with a medium steel nib and a converter for bottled ink.',
  },
];

export function findProduct(id: string): Product | undefined {
  return products.find((product) => product.id === id);
}
